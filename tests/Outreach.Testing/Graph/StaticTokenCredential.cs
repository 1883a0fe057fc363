using Azure.Core;

namespace Outreach.Testing.Graph;

/// <summary>A credential that hands out one fixed token without any network, for clients pointed at <see cref="FakeGraphServer"/>.</summary>
/// <param name="token">The access token to hand out.</param>
public sealed class StaticTokenCredential(string token) : TokenCredential
{
    private int requests;

    /// <summary>How many tokens were asked for.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requests);
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <inheritdoc />
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
