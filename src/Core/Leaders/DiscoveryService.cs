using System.Globalization;
using Microsoft.Extensions.Logging;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;

namespace Outreach.Core.Leaders;

/// <summary>
/// Flow 1: reads every configured leader source, resolves each person against the known leaders (source id first,
/// then normalised e-mail), stores new ones as <see cref="LeaderState.Discovered"/> with source and lawful basis, and
/// produces one welcome work item per new leader. Running it twice over the same input creates nothing new.
/// </summary>
public sealed partial class DiscoveryService
{
    /// <summary>A leader still <c>Discovered</c> this long after discovery lost its work item (a failed run); it is queued again.</summary>
    private static readonly TimeSpan StuckAfter = TimeSpan.FromHours(6);

    private readonly IEnumerable<ILeaderSource> sources;
    private readonly LeaderCsvParser parser;
    private readonly IDistrictCatalog districts;
    private readonly LeaderStore store;
    private readonly TimeProvider time;
    private readonly ILogger<DiscoveryService> logger;

    internal DiscoveryService(IEnumerable<ILeaderSource> sources, LeaderCsvParser parser, IDistrictCatalog districts, LeaderStore store, TimeProvider time, ILogger<DiscoveryService> logger)
    {
        this.sources = sources;
        this.parser = parser;
        this.districts = districts;
        this.store = store;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Reads every source once and records what is new. A failing source is reported and the others still run.</summary>
    public async Task<DiscoveryReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await store.EnsureCreatedAsync(cancellationToken);
        var run = new Run(this);
        foreach (var source in sources)
        {
            LeaderSourceResult result;
            try
            {
                result = await source.ReadAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSourceFailed(logger, source.Name, exception);
                run.Problems.Add(new SourceProblem(null, source.Name, "The source could not be read: " + exception.Message));
                continue;
            }

            run.Problems.AddRange(result.Problems);
            await run.ApplyAsync(result.Leaders, source.Name, cancellationToken);
            await run.MarkRemovedAsync(result.RemovedSourceIds, source.Name, cancellationToken);
        }

        await run.RequeueStuckAsync(cancellationToken);
        var report = run.Report(rejected: false);
        LogRun(logger, report.Discovered, report.Updated, report.Unchanged, report.Problems.Count);
        return report;
    }

    /// <summary>
    /// A staff import of the leaders CSV. <see cref="ImportMode.AllOrNothing"/> refuses a file with any bad row and
    /// stores nothing; <see cref="ImportMode.GoodRows"/> stores the good rows and reports the bad ones.
    /// </summary>
    public async Task<DiscoveryReport> ImportAsync(Stream csv, ImportMode mode, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await store.EnsureCreatedAsync(cancellationToken);
        var parsed = await parser.ParseAsync(csv, "import", cancellationToken);
        var run = new Run(this);
        run.Problems.AddRange(parsed.Problems);
        if (mode == ImportMode.AllOrNothing && parsed.Problems.Count > 0)
        {
            return run.Report(rejected: true);
        }

        await run.ApplyAsync(parsed.Leaders, "import by " + actor, cancellationToken);
        return run.Report(rejected: false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Leader source {Source} could not be read")]
    private static partial void LogSourceFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery: {Discovered} new, {Updated} updated, {Unchanged} unchanged, {Problems} problems")]
    private static partial void LogRun(ILogger logger, int discovered, int updated, int unchanged, int problems);

    /// <summary>One pass: the known leaders of each district are read once and kept up to date as rows are applied.</summary>
    private sealed class Run
    {
        private readonly DiscoveryService owner;
        private readonly Dictionary<string, DistrictIndex> indexes = new(StringComparer.Ordinal);
        private readonly List<WelcomeWorkItem> welcomes = [];
        private int discovered;
        private int updated;
        private int unchanged;

        public Run(DiscoveryService owner) => this.owner = owner;

        public List<SourceProblem> Problems { get; } = [];

        public DiscoveryReport Report(bool rejected) =>
            new(discovered, updated, unchanged, welcomes, Problems) { Rejected = rejected };

        public async Task ApplyAsync(IReadOnlyList<SourcedLeader> leaders, string actor, CancellationToken cancellationToken)
        {
            foreach (var sourced in leaders)
            {
                var district = owner.districts.Find(sourced.District);
                if (district is null)
                {
                    Problems.Add(new SourceProblem(null, sourced.SourceId, $"District '{sourced.District}' is not configured."));
                    continue;
                }

                if (!EmailAddresses.IsValid(sourced.Email))
                {
                    Problems.Add(new SourceProblem(null, sourced.SourceId, "The e-mail address is not valid."));
                    continue;
                }

                var index = await IndexAsync(district.Code, cancellationToken);
                var existing = index.Find(sourced);
                if (existing is null)
                {
                    await AddAsync(index, district, sourced, actor, cancellationToken);
                }
                else if (Refresh(existing, sourced))
                {
                    await owner.store.UpdateAsync(existing, cancellationToken);
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
        }

        public async Task MarkRemovedAsync(IReadOnlyList<string> removedSourceIds, string source, CancellationToken cancellationToken)
        {
            if (removedSourceIds.Count == 0)
            {
                return;
            }

            var removed = removedSourceIds.ToHashSet(StringComparer.Ordinal);
            foreach (var district in owner.districts.All)
            {
                var index = await IndexAsync(district.Code, cancellationToken);
                foreach (var leader in index.All.Where(l => l.Source == source && removed.Contains(l.SourceId) && !l.RemovedFromSource))
                {
                    // Kept, not deleted: the history of the outreach stays; the retention sweep decides when it goes.
                    leader.RemovedFromSource = true;
                    await owner.store.UpdateAsync(leader, cancellationToken);
                    updated++;
                }
            }
        }

        public async Task RequeueStuckAsync(CancellationToken cancellationToken)
        {
            var cutoff = owner.time.GetUtcNow() - StuckAfter;
            var queued = welcomes.Select(w => w.LeaderId).ToHashSet(StringComparer.Ordinal);
            foreach (var district in owner.districts.All)
            {
                var index = await IndexAsync(district.Code, cancellationToken);
                foreach (var leader in index.All.Where(l => l.State == LeaderState.Discovered && l.DiscoveredAt < cutoff && !queued.Contains(l.LeaderId)))
                {
                    // The delivery claim makes this safe: a letter that did go out is never sent twice.
                    welcomes.Add(new WelcomeWorkItem(leader.District, leader.LeaderId));
                }
            }
        }

        private async Task AddAsync(DistrictIndex index, DistrictOptions district, SourcedLeader sourced, string actor, CancellationToken cancellationToken)
        {
            var now = owner.time.GetUtcNow();
            var leader = new LeaderEntity
            {
                PartitionKey = district.Code,
                RowKey = LeaderStore.LeaderIdFor(district.Code, sourced.Source, sourced.SourceId),
                Name = sourced.Name.Trim(),
                Email = sourced.Email.Trim(),
                NormalizedEmail = EmailAddresses.Normalize(sourced.Email),
                EmailHash = EmailAddresses.Hash(sourced.Email),
                JobTitle = sourced.JobTitle,
                Workplace = sourced.Workplace,
                Municipality = sourced.Municipality,
                HireDate = sourced.HireDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Membership = sourced.Membership,
                State = LeaderState.Discovered,
                Source = sourced.Source,
                SourceId = sourced.SourceId,
                // Members: the membership itself; everyone else: the union's legitimate interest in telling newly hired
                // leaders about it (GDPR art. 6(1)(f)), with an opt-out in every letter.
                LawfulBasis = sourced.Membership == MembershipStatus.Member ? LawfulBasis.MemberRelationship : LawfulBasis.LegitimateInterest,
                DiscoveredAt = now,
            };

            try
            {
                await owner.store.AddAsync(leader, actor, "Found as a new leader in " + sourced.Source, cancellationToken);
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == 409)
            {
                // A concurrent run stored the same person first; its work item covers the welcome.
                unchanged++;
                return;
            }

            index.Add(leader);
            discovered++;
            welcomes.Add(new WelcomeWorkItem(leader.District, leader.LeaderId));
        }

        private static bool Refresh(LeaderEntity leader, SourcedLeader sourced)
        {
            var changed = false;

            void Set(string? value, Func<LeaderEntity, string?> get, Action<LeaderEntity, string?> set)
            {
                if (!string.IsNullOrWhiteSpace(value) && !string.Equals(get(leader), value, StringComparison.Ordinal))
                {
                    set(leader, value);
                    changed = true;
                }
            }

            Set(sourced.Name.Trim(), l => l.Name, (l, v) => l.Name = v!);
            Set(sourced.JobTitle, l => l.JobTitle, (l, v) => l.JobTitle = v);
            Set(sourced.Workplace, l => l.Workplace, (l, v) => l.Workplace = v);
            Set(sourced.Municipality, l => l.Municipality, (l, v) => l.Municipality = v);
            Set(sourced.HireDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l => l.HireDate, (l, v) => l.HireDate = v);
            if (sourced.Membership != MembershipStatus.Unknown && sourced.Membership != leader.Membership && leader.State != LeaderState.Joined)
            {
                leader.Membership = sourced.Membership;
                changed = true;
            }

            if (leader.RemovedFromSource)
            {
                leader.RemovedFromSource = false;
                changed = true;
            }

            return changed;
        }

        private async Task<DistrictIndex> IndexAsync(string district, CancellationToken cancellationToken)
        {
            if (!indexes.TryGetValue(district, out var index))
            {
                index = new DistrictIndex(await owner.store.ListAsync(district, null, cancellationToken));
                indexes[district] = index;
            }

            return index;
        }
    }

    /// <summary>The known leaders of one district, found by source id or by normalised e-mail.</summary>
    private sealed class DistrictIndex
    {
        private readonly Dictionary<(string Source, string SourceId), LeaderEntity> bySourceId = [];
        private readonly Dictionary<string, LeaderEntity> byEmail = new(StringComparer.Ordinal);

        public DistrictIndex(IEnumerable<LeaderEntity> leaders)
        {
            foreach (var leader in leaders)
            {
                Add(leader);
            }
        }

        public IEnumerable<LeaderEntity> All => bySourceId.Values;

        public LeaderEntity? Find(SourcedLeader sourced) =>
            bySourceId.GetValueOrDefault((sourced.Source, sourced.SourceId)) ??
            byEmail.GetValueOrDefault(EmailAddresses.Normalize(sourced.Email));

        public void Add(LeaderEntity leader)
        {
            bySourceId[(leader.Source, leader.SourceId)] = leader;
            byEmail.TryAdd(leader.NormalizedEmail, leader);
        }
    }
}

/// <summary>How a staff import treats a file with bad rows.</summary>
public enum ImportMode
{
    /// <summary>Refuse the whole file when any row is bad (the default).</summary>
    AllOrNothing = 0,

    /// <summary>Import the good rows and report the bad ones.</summary>
    GoodRows = 1,
}

/// <summary>What a discovery run or an import did.</summary>
/// <param name="Discovered">New leaders stored.</param>
/// <param name="Updated">Known leaders whose details changed.</param>
/// <param name="Unchanged">Known leaders seen again unchanged.</param>
/// <param name="Welcomes">One work item per leader to welcome.</param>
/// <param name="Problems">Rows or sources that could not be used, with the reason.</param>
public sealed record DiscoveryReport(
    int Discovered,
    int Updated,
    int Unchanged,
    IReadOnlyList<WelcomeWorkItem> Welcomes,
    IReadOnlyList<SourceProblem> Problems)
{
    /// <summary>True when an all-or-nothing import was refused and nothing was stored.</summary>
    public bool Rejected { get; init; }
}
