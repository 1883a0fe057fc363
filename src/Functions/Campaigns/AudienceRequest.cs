using System.Text.Json.Serialization;

namespace Outreach.Functions.Campaigns;

/// <summary>Who a campaign goes to: a segment of leaders and/or uploaded lists (at least one).</summary>
/// <param name="Segment">The leaders to include.</param>
/// <param name="ListId">One uploaded list.</param>
/// <param name="ListIds">Uploaded lists (a string or an array); joined with <paramref name="ListId"/>.</param>
public sealed record AudienceRequest(
    SegmentRequest? Segment,
    string? ListId,
    [property: JsonConverter(typeof(OneOrManyConverter))] IReadOnlyList<string>? ListIds);
