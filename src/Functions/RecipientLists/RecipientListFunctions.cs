using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Outreach.Core.Imports;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;
using Outreach.Functions.Campaigns;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.RecipientLists;

/// <summary>
/// Uploaded recipient lists under <c>/api/staff/lists</c>: people who are not leaders (election candidates, officials)
/// that a campaign's audience can name. An upload (CSV <c>email,name,municipality,role</c>) stores the good rows and
/// reports every bad one by line; a list never changes after upload, so a wrong one is deleted and uploaded again.
/// </summary>
/// <remarks>
/// Deleting is open to every staff member, not only admins: a list is staff's own upload (not the data-protection
/// erasure of a person), and removing a wrong or finished list is the data minimisation we want to be easy. A campaign
/// that is sending froze its audience at planning, so deleting its list changes nothing it sends.
/// </remarks>
public sealed class RecipientListFunctions(RecipientListService lists, IOptions<CsvImportOptions> limits)
{
    /// <summary>The collection's path, for Location headers.</summary>
    public const string Path = "/api/staff/lists";

    /// <summary><c>POST /api/staff/lists?name=</c> with a CSV body: 201 with Location, the list and the rows not taken.</summary>
    [Function("UploadRecipientList")]
    [StaffAuthorize]
    public async Task<IResult> UploadAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/lists")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = RequestValues.Query(request, "name");
        if (CampaignDrafts.Line(name, "name") is { } nameProblem)
        {
            return nameProblem;
        }

        if (RequestBodies.RequireCsv(request) is { } unsupported)
        {
            return unsupported;
        }

        var maxBytes = limits.Value.MaxBytes;
        if (await RequestBodies.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return RequestBodies.TooLarge(maxBytes);
        }

        if (bytes.Length == 0)
        {
            return Problems.Field("body", "The file is empty", "Send the CSV file (email,name,municipality,role) as the body.");
        }

        using var csv = new MemoryStream(bytes, writable: false);
        try
        {
            var upload = await lists.UploadAsync(name!.Trim(), csv, StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
            return TypedResults.Created(CampaignActions.Location(Path, upload.List.Id), RecipientListCreated.From(upload));
        }
        catch (InvalidFieldException exception)
        {
            return Problems.InvalidField(exception);
        }
    }

    /// <summary><c>GET /api/staff/lists</c>: every list, newest first.</summary>
    [Function("ListRecipientLists")]
    [StaffAuthorize]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/lists")] HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lists.ListAsync(cancellationToken).ConfigureAwait(false));

    /// <summary><c>GET /api/staff/lists/{id}</c>: one list (its name, size, who uploaded it and when).</summary>
    [Function("GetRecipientList")]
    [StaffAuthorize]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/lists/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (RequestValues.Identifier(id, "id") is { } problem)
        {
            return problem;
        }

        return await lists.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } list
            ? TypedResults.Ok(list)
            : CampaignProblems.NotFound("recipient list", id);
    }

    /// <summary>
    /// <c>DELETE /api/staff/lists/{id}</c>: the list and its rows; 204, 404 when it was gone, or 409 <c>list-in-use</c>
    /// naming the campaigns not yet planned whose audience it is.
    /// </summary>
    [Function("DeleteRecipientList")]
    [StaffAuthorize]
    public async Task<IResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "staff/lists/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestValues.Identifier(id, "id") is { } problem)
        {
            return problem;
        }

        return await CampaignProblems.AnswerAsync(async () =>
            await lists.DeleteAsync(id, StaffActor.Of(request), cancellationToken).ConfigureAwait(false)
                ? TypedResults.NoContent()
                : CampaignProblems.NotFound("recipient list", id)).ConfigureAwait(false);
    }
}
