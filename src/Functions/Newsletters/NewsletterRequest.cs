using System.Text.Json.Serialization;
using Outreach.Functions.Campaigns;

namespace Outreach.Functions.Newsletters;

/// <summary>The body of <c>POST /api/staff/newsletters</c> and <c>PUT /api/staff/newsletters/{id}</c>.</summary>
/// <param name="District">The district code.</param>
/// <param name="Month">The month, <c>yyyy-MM</c> (one issue per district and month).</param>
/// <param name="Title">The title, also the subject line.</param>
/// <param name="Intro">The introduction as Markdown.</param>
/// <param name="Sections">The sections, in order (at least one).</param>
/// <param name="SignedByChair">True when the chair signs it (then someone other than its authors approves it).</param>
/// <param name="ListIds">Uploaded lists that get the issue besides the district's leaders (a string or an array).</param>
public sealed record NewsletterRequest(
    string? District,
    string? Month,
    string? Title,
    string? Intro,
    IReadOnlyList<NewsletterSectionRequest?>? Sections,
    bool? SignedByChair,
    [property: JsonConverter(typeof(OneOrManyConverter))] IReadOnlyList<string>? ListIds);
