using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Functions.Http;
using Outreach.Functions.Newsletters;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Campaigns;

/// <summary>
/// Staff campaigns under <c>/api/staff/campaigns</c> (DESIGN §3.6): create and edit drafts, read them with their counts
/// and history, preview for a recipient, send a test, approve (four eyes when the chair signs), send now or at a time,
/// cancel. The staff member is the actor of every change. Core's refusals become problems in <see cref="CampaignProblems"/>.
/// </summary>
public sealed class CampaignFunctions(IDistrictCatalog districts, CampaignService campaigns)
{
    /// <summary>The collection's path, for Location headers.</summary>
    public const string Path = "/api/staff/campaigns";

    /// <summary><c>POST /api/staff/campaigns</c> with <see cref="CampaignRequest"/>: 201 with Location and the draft.</summary>
    [Function("CreateCampaign")]
    [StaffAuthorize]
    public async Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/campaigns")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (draft, problem) = await ReadDraftAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await CampaignProblems.AnswerAsync(async () =>
        {
            var campaign = await campaigns.CreateAsync(draft!, StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
            return TypedResults.Created(CampaignActions.Location(Path, campaign.Id), CampaignSummary.From(campaign));
        }).ConfigureAwait(false);
    }

    /// <summary><c>PUT /api/staff/campaigns/{id}</c> with <see cref="CampaignRequest"/>: replaces the draft; an approval is withdrawn.</summary>
    [Function("UpdateCampaign")]
    [StaffAuthorize]
    public async Task<IResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "staff/campaigns/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestValues.Identifier(id, "id") is { } idProblem)
        {
            return idProblem;
        }

        if (NewsletterIds.IsNewsletter(id))
        {
            // An issue's content is a title, an intro and sections: edit it with PUT /api/staff/newsletters/{id}.
            return CampaignProblems.NotFound("campaign", id);
        }

        var (draft, problem) = await ReadDraftAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await CampaignProblems.AnswerAsync(async () =>
            TypedResults.Ok(CampaignSummary.From(await campaigns.UpdateAsync(id, draft!, StaffActor.Of(request), cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/staff/campaigns/{id}</c>: the campaign, who did what, and its counts.</summary>
    [Function("GetCampaign")]
    [StaffAuthorize]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/campaigns/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (RequestValues.Identifier(id, "id") is { } idProblem)
        {
            return idProblem;
        }

        return await CampaignProblems.AnswerAsync(async () =>
            await campaigns.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } view
                ? TypedResults.Ok(CampaignDetails.From(view))
                : CampaignProblems.NotFound("campaign", id)).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/staff/campaigns?district=&amp;kind=campaign|newsletter</c>: newest first; every district's and kind's when not named.</summary>
    [Function("ListCampaigns")]
    [StaffAuthorize]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/campaigns")] HttpRequest request, CancellationToken cancellationToken)
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

        var (kind, kindProblem) = RequestValues.OptionalEnum<CampaignKind>(RequestValues.Query(request, "kind"), "kind");
        if (kindProblem is not null)
        {
            return kindProblem;
        }

        return await CampaignProblems.AnswerAsync(async () =>
        {
            var list = await campaigns.ListAsync(district, kind, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok<IReadOnlyList<CampaignSummary>>([.. list.Select(CampaignSummary.From)]);
        }).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/staff/campaigns/{id}/preview?email=</c>: subject, HTML and text as that address would get them.</summary>
    [Function("PreviewCampaign")]
    [StaffAuthorize]
    public Task<IResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/campaigns/{id}/preview")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        RequestValues.Identifier(id, "id") is { } problem ? Task.FromResult<IResult>(problem) : CampaignActions.PreviewAsync(campaigns, request, id, cancellationToken);

    /// <summary><c>POST /api/staff/campaigns/{id}/test</c> with <c>{ to }</c>: one test mail, 202.</summary>
    [Function("SendCampaignTest")]
    [StaffAuthorize]
    public Task<IResult> TestAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/campaigns/{id}/test")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        RequestValues.Identifier(id, "id") is { } problem ? Task.FromResult<IResult>(problem) : CampaignActions.TestAsync(campaigns, request, id, cancellationToken);

    /// <summary><c>POST /api/staff/campaigns/{id}/approve</c>: 409 <c>four-eyes</c> when an author approves a chair-signed campaign.</summary>
    [Function("ApproveCampaign")]
    [StaffAuthorize]
    public Task<IResult> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/campaigns/{id}/approve")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        RequestValues.Identifier(id, "id") is { } problem ? Task.FromResult<IResult>(problem) : CampaignActions.ApproveAsync(campaigns, request, id, cancellationToken);

    /// <summary><c>POST /api/staff/campaigns/{id}/send</c> with <c>{ at? }</c> or no body: 202; 409 <c>approval-required</c> when not approved.</summary>
    [Function("SendCampaign")]
    [StaffAuthorize]
    public Task<IResult> SendAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/campaigns/{id}/send")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        RequestValues.Identifier(id, "id") is { } problem ? Task.FromResult<IResult>(problem) : CampaignActions.SendAsync(campaigns, request, id, Path, cancellationToken);

    /// <summary><c>POST /api/staff/campaigns/{id}/cancel</c>: batches not yet sent never will be.</summary>
    [Function("CancelCampaign")]
    [StaffAuthorize]
    public Task<IResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/campaigns/{id}/cancel")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        RequestValues.Identifier(id, "id") is { } problem ? Task.FromResult<IResult>(problem) : CampaignActions.CancelAsync(campaigns, request, id, cancellationToken);

    private async Task<(CampaignDraft? Draft, ProblemHttpResult? Problem)> ReadDraftAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, CampaignJsonContext.Default.CampaignRequest, cancellationToken).ConfigureAwait(false);
        return problem is not null ? (null, problem) : CampaignDrafts.Read(body!, districts);
    }
}
