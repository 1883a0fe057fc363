using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Newsletters;
using Outreach.Functions.Campaigns;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Newsletters;

/// <summary>
/// A district's monthly newsletter issues under <c>/api/staff/newsletters</c> (DESIGN §3.5). An issue is a campaign
/// (id <c>newsletter-{district}-{yyyy-MM}</c>): preview, test, approve, send and cancel are the campaign's, and answer
/// 404 for an id that is not an issue's. The district's schedule (a timer) sends the month's approved issue;
/// <c>GET …/schedule</c> says when, which issue, and why the last run sent nothing.
/// </summary>
public sealed class NewsletterFunctions(IDistrictCatalog districts, NewsletterService newsletters, CampaignService campaigns)
{
    /// <summary>The collection's path, for Location headers.</summary>
    public const string Path = "/api/staff/newsletters";

    /// <summary><c>POST /api/staff/newsletters</c> with <see cref="NewsletterRequest"/>: 201 with Location and the draft issue.</summary>
    [Function("CreateNewsletter")]
    [StaffAuthorize]
    public async Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/newsletters")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (draft, problem) = await ReadDraftAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await CampaignProblems.AnswerAsync(async () =>
        {
            var issue = await newsletters.CreateAsync(draft!, StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
            return TypedResults.Created(CampaignActions.Location(Path, issue.Id), CampaignSummary.From(issue));
        }).ConfigureAwait(false);
    }

    /// <summary><c>PUT /api/staff/newsletters/{id}</c> with <see cref="NewsletterRequest"/> of the same district and month: an approval is withdrawn.</summary>
    [Function("UpdateNewsletter")]
    [StaffAuthorize]
    public async Task<IResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "staff/newsletters/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refuse(id) is { } refusal)
        {
            return refusal;
        }

        var (draft, problem) = await ReadDraftAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!string.Equals(NewsletterIds.For(draft!.District, draft.Month), id, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Field("month", "Not this issue's month", $"The issue {id} keeps its district and month; create a new issue for another month.");
        }

        return await CampaignProblems.AnswerAsync(async () =>
            TypedResults.Ok(CampaignSummary.From(await newsletters.UpdateAsync(id, draft, StaffActor.Of(request), cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/staff/newsletters?district=</c>: the issues, newest month first; every district's when none is named.</summary>
    [Function("ListNewsletters")]
    [StaffAuthorize]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/newsletters")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? district = null;
        if (RequestValues.Query(request, "district") is { Length: > 0 } named)
        {
            var (code, problem) = RequestValues.District(named, districts);
            if (problem is not null)
            {
                return problem;
            }

            district = code;
        }

        return await CampaignProblems.AnswerAsync(async () =>
        {
            var issues = await newsletters.ListAsync(district, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok<IReadOnlyList<CampaignSummary>>([.. issues.Select(CampaignSummary.From)]);
        }).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/staff/newsletters/{id}</c>: the issue as a campaign is shown (who did what, counts, history).</summary>
    [Function("GetNewsletter")]
    [StaffAuthorize]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/newsletters/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (Refuse(id) is { } refusal)
        {
            return refusal;
        }

        return await CampaignProblems.AnswerAsync(async () =>
            await campaigns.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Campaign.Kind: CampaignKind.Newsletter } view
                ? TypedResults.Ok(CampaignDetails.From(view))
                : CampaignProblems.NotFound("newsletter issue", id)).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/staff/newsletters/{id}/preview?email=</c>: the variant that address gets (member or not).</summary>
    [Function("PreviewNewsletter")]
    [StaffAuthorize]
    public Task<IResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/newsletters/{id}/preview")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Refuse(id) is { } refusal ? Task.FromResult<IResult>(refusal) : CampaignActions.PreviewAsync(campaigns, request, id, cancellationToken);

    /// <summary><c>POST /api/staff/newsletters/{id}/test</c> with <c>{ to }</c>: one test mail, 202.</summary>
    [Function("SendNewsletterTest")]
    [StaffAuthorize]
    public Task<IResult> TestAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/newsletters/{id}/test")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Refuse(id) is { } refusal ? Task.FromResult<IResult>(refusal) : CampaignActions.TestAsync(campaigns, request, id, cancellationToken);

    /// <summary><c>POST /api/staff/newsletters/{id}/approve</c>: the schedule sends only an approved issue.</summary>
    [Function("ApproveNewsletter")]
    [StaffAuthorize]
    public Task<IResult> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/newsletters/{id}/approve")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Refuse(id) is { } refusal ? Task.FromResult<IResult>(refusal) : CampaignActions.ApproveAsync(campaigns, request, id, cancellationToken);

    /// <summary><c>POST /api/staff/newsletters/{id}/send</c> with <c>{ at? }</c> or no body: sends the approved issue now or at a time, before its schedule.</summary>
    [Function("SendNewsletter")]
    [StaffAuthorize]
    public Task<IResult> SendAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/newsletters/{id}/send")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Refuse(id) is { } refusal ? Task.FromResult<IResult>(refusal) : CampaignActions.SendAsync(campaigns, request, id, Path, cancellationToken);

    /// <summary><c>POST /api/staff/newsletters/{id}/cancel</c>.</summary>
    [Function("CancelNewsletter")]
    [StaffAuthorize]
    public Task<IResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/newsletters/{id}/cancel")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Refuse(id) is { } refusal ? Task.FromResult<IResult>(refusal) : CampaignActions.CancelAsync(campaigns, request, id, cancellationToken);

    /// <summary><c>GET /api/staff/newsletters/schedule?district=</c>: the next run, its issue and status, and what the last run did.</summary>
    [Function("GetNewsletterSchedule")]
    [StaffAuthorize]
    public async Task<IResult> GetScheduleAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/newsletters/schedule")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (district, problem) = RequestValues.District(RequestValues.Query(request, "district"), districts);
        if (problem is not null)
        {
            return problem;
        }

        return await CampaignProblems.AnswerAsync(async () =>
            TypedResults.Ok(await newsletters.ScheduleAsync(district!, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
    }

    // A 400 for an id that cannot be one, a 404 for a campaign's id: these routes act on newsletter issues only.
    private static ProblemHttpResult? Refuse(string id) =>
        RequestValues.Identifier(id, "id") ?? (NewsletterIds.IsNewsletter(id) ? null : CampaignProblems.NotFound("newsletter issue", id));

    private async Task<(NewsletterDraft? Draft, ProblemHttpResult? Problem)> ReadDraftAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, NewsletterJsonContext.Default.NewsletterRequest, cancellationToken).ConfigureAwait(false);
        return problem is not null ? (null, problem) : NewsletterDrafts.Read(body!, districts);
    }
}
