namespace Outreach.Functions.Http;

/// <summary>
/// Marks a public (anonymous) HTTP function: <see cref="PublicRateLimitMiddleware"/> lets each client address make at
/// most <c>Outreach:PublicRateLimit:PermitsPerMinute</c> calls a minute to the marked functions together.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PublicRateLimitedAttribute : Attribute;
