namespace Outreach.Bench.FakeSendGrid;

/// <summary>How the fake SendGrid misbehaves on a faulted request (see <see cref="FaultScenarios"/> for the names).</summary>
internal enum FaultScenario
{
    /// <summary>No fault: 202 with an X-Message-Id.</summary>
    None = 0,

    /// <summary>429 with X-RateLimit-Limit/Remaining/Reset (reset one second ahead); nothing accepted.</summary>
    RateLimitedWithReset,

    /// <summary>429 without rate-limit headers; nothing accepted.</summary>
    RateLimited,

    /// <summary>500 with SendGrid's error body; the fake accepts nothing (the outcome is unknown to the client).</summary>
    ServerError,

    /// <summary>502 from a proxy; the fake accepts nothing (the outcome is unknown to the client).</summary>
    BadGateway,

    /// <summary>
    /// The request is read, the answer comes after the client's timeout; the fake counts it as accepted (the worst case
    /// for duplicates: SendGrid took it, the client does not know).
    /// </summary>
    Slow,

    /// <summary>The request is read, then the connection is dropped; the fake counts it as accepted (worst case, as <see cref="Slow"/>).</summary>
    Drop,

    /// <summary>No SendGrid fault: every queue message of campaign-batches is handed to two consumers (at-least-once delivery).</summary>
    Redeliver,

    /// <summary>
    /// Both: every batch message handed to two consumers, and 429 without a reset to the first K requests (at least 8), so
    /// that one consumer waits out its retries while the other finds the batch claimed.
    /// </summary>
    RedeliverRateLimited,
}
