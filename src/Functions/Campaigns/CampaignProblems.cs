using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Core.Campaigns;
using Outreach.Core.Leaders;
using Outreach.Functions.Http;

namespace Outreach.Functions.Campaigns;

/// <summary>
/// How the campaign and newsletter functions answer Core's refusals, in one place: bad input (400 naming the field), a
/// state rule (409 naming the rule in its title, its detail and a <c>rule</c> member), an unknown id (404) and a change
/// by someone else since the campaign was read (409).
/// </summary>
public static class CampaignProblems
{
    /// <summary>The result of <paramref name="call"/>, or the problem for the Core exception it threw.</summary>
    public static async Task<IResult> AnswerAsync(Func<Task<IResult>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (For(exception) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>The problem for an exception Core throws on purpose, or null for any other (which stays a 500).</summary>
    public static ProblemHttpResult? For(Exception exception) => exception switch
    {
        InvalidFieldException invalid => Problems.InvalidField(invalid),
        CampaignRuleException rule => Rule(rule),
        CampaignNotFoundException notFound => Problems.Status(StatusCodes.Status404NotFound, "Not found", notFound.Message),
        ConcurrencyConflictException => Problems.Status(
            StatusCodes.Status409Conflict,
            "Changed by someone else",
            "Someone changed the campaign since it was read; nothing was changed. Read it again and retry."),
        _ => null,
    };

    /// <summary>The 409 for a refused state rule: the title and detail name the rule, and <c>rule</c> carries it for programs.</summary>
    public static ProblemHttpResult Rule(CampaignRuleException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: $"Refused by the rule {exception.Rule}",
            detail: $"{exception.Message} (rule: {exception.Rule})",
            extensions: new Dictionary<string, object?> { ["rule"] = exception.Rule });
    }

    /// <summary>The 404 for an id that names no campaign (or no newsletter issue).</summary>
    public static ProblemHttpResult NotFound(string what, string id) =>
        Problems.Status(StatusCodes.Status404NotFound, "No such " + what, $"There is no {what} '{id}'.");
}
