using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Outreach.Functions.Http;

/// <summary>
/// One fixed one-minute window per client address (System.Threading.RateLimiting's partitioned limiter, which drops the
/// windows of addresses gone idle). A singleton: the windows outlive invocations.
/// </summary>
public sealed class PublicRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    /// <summary>Creates the limiter from <see cref="PublicRateLimitOptions.PermitsPerMinute"/>.</summary>
    public PublicRateLimiter(IOptions<PublicRateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.PermitsPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>The window a client's permits are counted in.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Null when <paramref name="client"/> may make a call now; otherwise how long until it may.</summary>
    public TimeSpan? TryAcquire(string client)
    {
        using var lease = limiter.AttemptAcquire(client);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
            : Window;
    }

    /// <inheritdoc />
    public void Dispose() => limiter.Dispose();
}
