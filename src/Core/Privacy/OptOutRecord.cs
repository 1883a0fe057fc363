using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Privacy;

/// <summary>One opt-out as held: which category, from which district's letter, when.</summary>
public sealed record OptOutRecord(OptOutCategory Category, string District, DateTimeOffset? At);
