// STUB: the leaders feature fills this in.
namespace Outreach.Functions.Unsubscribe;

/// <summary>Public (anonymous, token-checked) unsubscribe endpoints under /api/public/unsubscribe.</summary>
public static class UnsubscribeEndpoints
{
    /// <summary>Maps the unsubscribe page and the RFC 8058 one-click POST onto the public group.</summary>
    public static RouteGroupBuilder MapUnsubscribeEndpoints(this RouteGroupBuilder publicGroup) => publicGroup;
}
