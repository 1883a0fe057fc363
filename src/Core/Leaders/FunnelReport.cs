using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>The conversion funnel of one district: counts per hiring month and municipality.</summary>
/// <param name="District">District code.</param>
/// <param name="Rows">One row per (hiring month, municipality).</param>
public sealed record FunnelReport(string District, IReadOnlyList<FunnelRow> Rows);
