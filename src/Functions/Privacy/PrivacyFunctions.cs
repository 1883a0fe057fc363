using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Outreach.Core.Leaders;
using Outreach.Core.Privacy;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Privacy;

/// <summary>
/// Data protection (DESIGN §3 flow 9): admins export or erase everything held about an address under
/// <c>/api/staff/people/{email}</c>, and a monthly timer erases non-members who never answered. The address is never logged.
/// </summary>
public sealed partial class PrivacyFunctions(PrivacyService privacy, ILogger<PrivacyFunctions> logger)
{
    /// <summary>The sweep's schedule: 03:00 on the 1st of every month (NCRONTAB with seconds; the host's time zone).</summary>
    public const string RetentionSchedule = "0 0 3 1 * *";

    /// <summary><c>GET /api/staff/people/{email}/export</c> (admin only): everything held about the address, as a JSON download.</summary>
    [Function("ExportPersonalData")]
    [StaffAuthorize(StaffRoles.Admin)]
    public async Task<IResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/people/{email}/export")] HttpRequest request,
        string email,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PersonalDataExport? export;
        try
        {
            export = await privacy.ExportAsync(email, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidFieldException exception)
        {
            return Problems.InvalidField(exception);
        }

        if (export is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Nothing held", "Nothing is held about this address.");
        }

        request.HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"personal-data.json\"";
        return TypedResults.Json(export, PrivacyJsonContext.Default.PersonalDataExport);
    }

    /// <summary>
    /// <c>DELETE /api/staff/people/{email}</c> (admin only): erases the address everywhere, keeps its keyed hash on the
    /// suppression list, and answers the rows removed per table (zero counts when nothing was held).
    /// </summary>
    [Function("ErasePersonalData")]
    [StaffAuthorize(StaffRoles.Admin)]
    public async Task<IResult> EraseAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "staff/people/{email}")] HttpRequest request,
        string email,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var counts = await privacy.EraseAsync(email, StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(counts, PrivacyJsonContext.Default.ErasureCounts);
        }
        catch (InvalidFieldException exception)
        {
            return Problems.InvalidField(exception);
        }
    }

    /// <summary>Timer <c>RetentionSweep</c>: erases non-members who never answered after the retention period; logs counts only.</summary>
    [Function("RetentionSweep")]
    public async Task RetentionSweepAsync([TimerTrigger(RetentionSchedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var report = await privacy.SweepAsync(cancellationToken).ConfigureAwait(false);
        LogSwept(logger, report.People, timer.IsPastDue);
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Retention sweep done: {People} person(s) erased (past due: {PastDue})")]
    private static partial void LogSwept(ILogger logger, int people, bool pastDue);
}
