// STUB (contract): the signatures the Functions app calls. The leaders feature replaces the bodies (and may split this
// file into one file per service), keeping these public names and shapes.
using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>Flow 1: reads every leader source, records new leaders and names the welcomes to send.</summary>
public sealed class DiscoveryService
{
    /// <summary>Runs discovery once over all configured sources and districts.</summary>
    public Task<DiscoveryReport> RunAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>
    /// Imports a staff-uploaded leaders CSV (the file source's format) and discovers from it. With
    /// <see cref="ImportMode.AllOrNothing"/> a file with any bad row changes nothing.
    /// </summary>
    public Task<DiscoveryReport> ImportAsync(Stream csv, ImportMode mode, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}

/// <summary>How an import treats a file with bad rows.</summary>
public enum ImportMode
{
    /// <summary>Any bad row rejects the whole file; nothing is imported.</summary>
    AllOrNothing = 0,

    /// <summary>Good rows are imported; bad rows are reported.</summary>
    GoodRows = 1,
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
    IReadOnlyList<SourceProblem> Problems)
{
    /// <summary>True when an all-or-nothing import was refused because of <see cref="Problems"/>.</summary>
    public bool Rejected { get; init; }
}

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

/// <summary>
/// Puts work items on the queues from code that has no output binding (the staff API). Queue messages are the
/// <see cref="WorkItemJsonContext"/> JSON, base64-encoded as the Functions queue trigger expects.
/// </summary>
public interface IWorkItemSender
{
    /// <summary>Enqueues welcomes on <c>welcome-letters</c>.</summary>
    Task EnqueueWelcomesAsync(IEnumerable<WelcomeWorkItem> items, CancellationToken cancellationToken = default);

    /// <summary>Enqueues follow-ups on <c>follow-up-letters</c>.</summary>
    Task EnqueueFollowUpsAsync(IEnumerable<FollowUpWorkItem> items, CancellationToken cancellationToken = default);
}
