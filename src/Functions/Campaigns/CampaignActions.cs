using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Core.Campaigns;
using Outreach.Core.Email;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Campaigns;

/// <summary>
/// Preview, test, approve, send and cancel: the same for a campaign and a newsletter issue (an issue is a campaign), so
/// both feature classes answer them here. <paramref name="path"/> arguments are the collection's path for Location headers.
/// </summary>
public static partial class CampaignActions
{
    /// <summary><c>GET …/{id}/preview?email=</c>: the campaign as that address would receive it.</summary>
    public static Task<IResult> PreviewAsync(CampaignService campaigns, HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(request);
        var email = RequestValues.Query(request, "email");
        if (!EmailAddresses.IsValid(email))
        {
            return Task.FromResult<IResult>(Problems.Field("email", "Not an e-mail address", "email is the address to preview for, e.g. a leader's."));
        }

        return CampaignProblems.AnswerAsync(async () =>
            TypedResults.Ok(await campaigns.PreviewAsync(id, email!.Trim(), cancellationToken).ConfigureAwait(false)));
    }

    /// <summary><c>POST …/{id}/test</c> with <see cref="TestMailRequest"/>: 202 once one test mail is on its way.</summary>
    public static async Task<IResult> TestAsync(CampaignService campaigns, HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await JsonBody.ReadAsync(request, CampaignJsonContext.Default.TestMailRequest, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!EmailAddresses.IsValid(body!.To))
        {
            return Problems.Field("to", "Not an e-mail address", "to is the address that gets the test mail (usually your own).");
        }

        return await CampaignProblems.AnswerAsync(async () =>
        {
            await campaigns.SendTestAsync(id, body.To!.Trim(), StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
            return TypedResults.Accepted((string?)null);
        }).ConfigureAwait(false);
    }

    /// <summary><c>POST …/{id}/approve</c>: approves the current version (four eyes when the chair signs it).</summary>
    public static Task<IResult> ApproveAsync(CampaignService campaigns, HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(request);
        return CampaignProblems.AnswerAsync(async () =>
            TypedResults.Ok(CampaignSummary.From(await campaigns.ApproveAsync(id, StaffActor.Of(request), cancellationToken).ConfigureAwait(false))));
    }

    /// <summary><c>POST …/{id}/send</c> with an optional <see cref="SendRequest"/>: 202, sending now or at <c>at</c>.</summary>
    public static async Task<IResult> SendAsync(CampaignService campaigns, HttpRequest request, string id, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await JsonBody.ReadOptionalAsync(request, CampaignJsonContext.Default.SendRequest, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (at, atProblem) = ParseAt(body?.At);
        if (atProblem is not null)
        {
            return atProblem;
        }

        return await CampaignProblems.AnswerAsync(async () =>
        {
            var campaign = await campaigns.SendAsync(id, StaffActor.Of(request), at, cancellationToken).ConfigureAwait(false);
            return TypedResults.Accepted(Location(path, campaign.Id), CampaignSummary.From(campaign));
        }).ConfigureAwait(false);
    }

    /// <summary><c>POST …/{id}/cancel</c>: nothing more is sent.</summary>
    public static Task<IResult> CancelAsync(CampaignService campaigns, HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(request);
        return CampaignProblems.AnswerAsync(async () =>
            TypedResults.Ok(CampaignSummary.From(await campaigns.CancelAsync(id, StaffActor.Of(request), cancellationToken).ConfigureAwait(false))));
    }

    /// <summary>The status URL of a campaign under <paramref name="path"/> (e.g. <c>/api/staff/campaigns</c>).</summary>
    public static string Location(string path, string id) => path + "/" + Uri.EscapeDataString(id);

    /// <summary>
    /// An optional send time: ISO 8601 with <c>Z</c> or an offset, because a time without one is ambiguous between UTC and
    /// Copenhagen (an hour apart in winter, two in summer). Null for none; otherwise the time or a problem naming <c>at</c>.
    /// </summary>
    public static (DateTimeOffset? At, ProblemHttpResult? Problem) ParseAt(string? text) =>
        string.IsNullOrWhiteSpace(text) ? (null, null)
        : WithOffset().IsMatch(text.Trim()) && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? (at.ToUniversalTime(), null)
        : (null, Problems.Field("at", "Not a time with an offset", "at is an ISO 8601 time with Z or an offset, e.g. 2027-01-05T09:00:00+01:00."));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex WithOffset();
}
