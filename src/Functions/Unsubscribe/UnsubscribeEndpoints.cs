using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Core.OptOuts;
using Outreach.Core.Unsubscribe;

namespace Outreach.Functions.Unsubscribe;

/// <summary>
/// Public (anonymous, token-checked) unsubscribe endpoints under <c>/api/public/unsubscribe</c>. GET shows a page with
/// a button and changes nothing, because mail scanners follow links; POST records the opt-out, both from that button
/// and as the RFC 8058 one-click request mail clients send for <c>List-Unsubscribe-Post</c>.
/// </summary>
public static class UnsubscribeEndpoints
{
    /// <summary>Maps the unsubscribe page and the one-click POST onto the public group.</summary>
    public static RouteGroupBuilder MapUnsubscribeEndpoints(this RouteGroupBuilder publicGroup)
    {
        ArgumentNullException.ThrowIfNull(publicGroup);
        publicGroup.MapGet("/unsubscribe", ShowPage).WithName("UnsubscribePage").ExcludeFromDescription();
        publicGroup.MapPost("/unsubscribe", UnsubscribeAsync).WithName("Unsubscribe").DisableAntiforgery().ExcludeFromDescription();
        return publicGroup;
    }

    private static ContentHttpResult ShowPage(string? token, IUnsubscribeTokens tokens)
    {
        if (tokens.Verify(token) is not { } claim)
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

    private static async Task<ContentHttpResult> UnsubscribeAsync(string? token, OptOutService optOuts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || !await optOuts.OptOutAsync(token, cancellationToken))
        {
            return Page(400, "Linket virker ikke", "<p>Linket er ugyldigt eller ufuldstændigt, så vi har ikke afmeldt noget.</p>");
        }

        return Page(200, "Du er afmeldt", "<p>Du er afmeldt og får ikke flere af disse breve. Skrev du ved en fejl, så svar blot på et af vores breve.</p>");
    }

    private static ContentHttpResult Page(int status, string title, string body) =>
        TypedResults.Content(
            $"""
            <!DOCTYPE html>
            <html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>{title}</title></head>
            <body style="font-family: sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem;"><h1>{title}</h1>{body}</body></html>
            """,
            "text/html; charset=utf-8",
            System.Text.Encoding.UTF8,
            status);
}
