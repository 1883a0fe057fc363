using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Leaders;
using Outreach.Core.OptOuts;
using Outreach.Core.Unsubscribe;
using Outreach.Functions.Http;

namespace Outreach.Functions.Unsubscribe;

/// <summary>
/// The public (anonymous, token-checked) unsubscribe link in every letter, <c>/api/public/unsubscribe?token=</c>. GET shows
/// a page where the person chooses what to leave (the link's category is preselected) and changes nothing, because mail scanners follow links; POST records the opt-out, both from that
/// button and as the RFC 8058 one-click request mail clients send for <c>List-Unsubscribe-Post</c>. Only a valid token
/// (an HMAC Core checks) changes anything. The answers are HTML pages in Danish: people read them, not programs.
/// </summary>
public sealed class UnsubscribeFunctions(IUnsubscribeTokens tokens, OptOutService optOuts)
{
    /// <summary>The longest token accepted; real ones are far shorter.</summary>
    public const int MaxTokenLength = 1024;

    /// <summary>The largest form body read (the page's choice or the one-click request are a few dozen bytes).</summary>
    public const int MaxFormBytes = 1024;

    /// <summary><c>GET /api/public/unsubscribe?token=</c>: asks before anything changes.</summary>
    [Function("UnsubscribePage")]
    [PublicRateLimited]
    public ContentHttpResult ShowPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/unsubscribe")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = Token(request);
        if (token is null || tokens.Verify(token) is not { } claim)
        {
            return Page(400, "Linket virker ikke", "<p>Linket er ugyldigt eller ufuldstændigt. Kopiér hele linket fra brevet, eller skriv til os, så hjælper vi.</p>");
        }

        var choices = string.Concat(Choices.Select(choice => $"""
              <p><label><input type="radio" name="category" value="{choice.Value}"{(choice.Category == claim.Category ? " checked" : "")}> {choice.Label}</label></p>
            """));
        var body = $"""
            <p>Hvad vil du afmelde?</p>
            <form method="post" action="unsubscribe?token={WebUtility.UrlEncode(token)}">
            {choices}
              <button type="submit">Ja, afmeld mig</button>
            </form>
            <p>Du kan altid tilmelde dig igen ved at skrive til os.</p>
            """;
        return Page(200, "Afmeld", body);
    }

    /// <summary><c>POST /api/public/unsubscribe?token=</c>: the opt-out itself (the page's button, or RFC 8058 one-click).</summary>
    [Function("Unsubscribe")]
    [PublicRateLimited]
    public async Task<ContentHttpResult> UnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "public/unsubscribe")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = Token(request);
        var (chosen, valid) = await ChosenCategoryAsync(request, cancellationToken).ConfigureAwait(false);
        var recorded = token is null || !valid ? null : await optOuts.OptOutAsync(token, chosen, cancellationToken).ConfigureAwait(false);
        if (recorded is not { } category)
        {
            return Page(400, "Linket virker ikke", "<p>Linket er ugyldigt eller ufuldstændigt, så vi har ikke afmeldt noget.</p>");
        }

        return Page(200, "Du er afmeldt", $"<p>Du er afmeldt {Choices.Single(choice => choice.Category == category).Label.ToLowerInvariant()} og får ikke flere af disse breve. Skrev du ved en fejl, så svar blot på et af vores breve.</p>");
    }

    // What the page offers; the value is what its form posts as "category".
    private static IReadOnlyList<(OptOutCategory Category, string Value, string Label)> Choices { get; } =
    [
        (OptOutCategory.Newsletter, "newsletter", "Nyhedsbrevet"),
        (OptOutCategory.Campaigns, "campaigns", "Breve om møder og kampagner"),
        (OptOutCategory.Outreach, "outreach", "Breve fra ledersektionen om medlemskab"),
        (OptOutCategory.All, "all", "Al post fra os"),
    ];

    // The page's form posts "category"; RFC 8058's one-click request posts "List-Unsubscribe=One-Click" and means the
    // token's own category. A category we do not know refuses the request rather than guessing.
    private static async Task<(OptOutCategory? Chosen, bool Valid)> ChosenCategoryAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, true);
        }

        var body = await RequestBodies.ReadAsync(request, MaxFormBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, false);
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("category", out var values))
        {
            return (null, true);
        }

        var match = Choices.Where(choice => values.Count == 1 && string.Equals(choice.Value, values[0], StringComparison.Ordinal)).ToList();
        return match.Count == 1 ? (match[0].Category, true) : (null, false);
    }

    // A token is printable ASCII of bounded length; anything else is refused before Core sees it.
    private static string? Token(HttpRequest request) =>
        RequestValues.Query(request, "token") is { Length: > 0 and <= MaxTokenLength } token && token.All(c => c is > ' ' and < '\x7f') ? token : null;

    private static ContentHttpResult Page(int status, string title, string body) =>
        TypedResults.Content(
            $"""
            <!DOCTYPE html>
            <html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>{title}</title></head>
            <body style="font-family: sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem;"><h1>{title}</h1>{body}</body></html>
            """,
            "text/html; charset=utf-8",
            Encoding.UTF8,
            status);
}
