using System.Text.Json.Serialization;

namespace Outreach.Functions.Campaigns;

/// <summary>A segment of the district's leaders; every condition given must hold.</summary>
/// <param name="Municipalities">Only leaders in one of these municipalities of the district (a string or an array).</param>
/// <param name="Membership"><c>member</c>, <c>nonmember</c> or <c>unknown</c> (a string or an array).</param>
/// <param name="States">Conversion states, e.g. <c>Welcomed</c>, any letter case (a string or an array).</param>
/// <param name="HiredFrom">Only leaders hired on or after this date.</param>
/// <param name="HiredTo">Only leaders hired on or before this date.</param>
public sealed record SegmentRequest(
    [property: JsonConverter(typeof(OneOrManyConverter))] IReadOnlyList<string>? Municipalities,
    [property: JsonConverter(typeof(OneOrManyConverter))] IReadOnlyList<string>? Membership,
    [property: JsonConverter(typeof(OneOrManyConverter))] IReadOnlyList<string>? States,
    DateOnly? HiredFrom,
    DateOnly? HiredTo);
