// STUB: the signatures the Functions app calls. The leaders feature replaces the bodies (and this file's layout).
using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>Flow 1: reads every leader source, records new leaders and names the welcomes to send.</summary>
public sealed class DiscoveryService
{
    /// <summary>Runs discovery once over all sources and districts.</summary>
    public Task<DiscoveryReport> RunAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

/// <summary>The outcome of one discovery run.</summary>
/// <param name="Discovered">New leaders recorded.</param>
/// <param name="Updated">Known leaders whose details changed.</param>
/// <param name="Unchanged">Known leaders with no change.</param>
/// <param name="Welcomes">Welcome work items to enqueue.</param>
/// <param name="Problems">Unusable source rows or items.</param>
public sealed record DiscoveryReport(
    int Discovered,
    int Updated,
    int Unchanged,
    IReadOnlyList<WelcomeWorkItem> Welcomes,
    IReadOnlyList<SourceProblem> Problems);

/// <summary>Flow 2: sends one welcome letter.</summary>
public sealed class WelcomeService
{
    /// <summary>Sends the welcome named by <paramref name="item"/>, at most once ever.</summary>
    public Task<LetterOutcome> SendAsync(WelcomeWorkItem item, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

/// <summary>Flow 3: follow-ups to non-members who have not answered.</summary>
public sealed class FollowUpService
{
    /// <summary>Finds the follow-ups that are due now.</summary>
    public Task<IReadOnlyList<FollowUpWorkItem>> FindDueAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Sends one follow-up, at most once ever.</summary>
    public Task<LetterOutcome> SendAsync(FollowUpWorkItem item, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
