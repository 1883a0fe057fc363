using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Leaders;
using Outreach.Core.OptOuts;
using Outreach.Core.Unsubscribe;
using Outreach.Functions.Http;

namespace Outreach.Functions.Unsubscribe;

/// <summary>
/// The public (anonymous, token-checked) unsubscribe link in every letter, <c>/api/public/unsubscribe?token=</c>. GET shows
/// a page with a button and changes nothing, because mail scanners follow links; POST records the opt-out, both from that
/// button and as the RFC 8058 one-click request mail clients send for <c>List-Unsubscribe-Post</c>. Only a valid token
/// (an HMAC Core checks) changes anything. The answers are HTML pages in Danish: people read them, not programs.
/// </summary>
public sealed class UnsubscribeFunctions(IUnsubscribeTokens tokens, OptOutService optOuts)
{
    /// <summary>The longest token accepted; real ones are far shorter.</summary>
    public const int MaxTokenLength = 1024;

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

        var what = claim.Category switch
        {
            OptOutCategory.Newsletter => "nyhedsbrevet",
            OptOutCategory.Campaigns => "breve om møder og kampagner",
            OptOutCategory.All => "al post fra os",
            _ => "breve fra ledersektionen om medlemskab",
        };
        var body = $"""
            <p>Vil du afmelde {what}?</p>
            <form method="post" action="unsubscribe?token={WebUtility.UrlEncode(token)}">
              <button type="submit">Ja, afmeld mig</button>
            </form>
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
        if (token is null || !await optOuts.OptOutAsync(token, cancellationToken).ConfigureAwait(false))
        {
            return Page(400, "Linket virker ikke", "<p>Linket er ugyldigt eller ufuldstændigt, så vi har ikke afmeldt noget.</p>");
        }

        return Page(200, "Du er afmeldt", "<p>Du er afmeldt og får ikke flere af disse breve. Skrev du ved en fejl, så svar blot på et af vores breve.</p>");
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
