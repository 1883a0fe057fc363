using Microsoft.Extensions.Logging;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Imports;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;

namespace Outreach.Core.Discovery;

/// <summary>
/// Flow 1: reads every configured leader source, resolves each person against the known leaders (source id first,
/// then normalised e-mail), stores new ones as <see cref="LeaderState.Discovered"/> with source and lawful basis, and
/// queues a welcome for every leader still waiting for one: the new ones in batches as they are stored, then every
/// leader left <see cref="LeaderState.Discovered"/> by an earlier run that stopped part-way. The welcome is idempotent,
/// so queueing it again is safe; running discovery twice over the same input creates no second leader or letter.
/// </summary>
public sealed partial class DiscoveryService
{
    /// <summary>Welcomes are queued this many at a time while a run goes on.</summary>
    internal const int WelcomeBatchSize = 100;

    /// <summary>The source of leaders registered by hand.</summary>
    public const string ManualSource = "manual";

    /// <summary>The longest note of a registration by hand.</summary>
    public const int ManualNoteMaxLength = 1000;

    private readonly IEnumerable<ILeaderSource> sources;
    private readonly LeaderCsvParser parser;
    private readonly IDistrictCatalog districts;
    private readonly ILeaderRepository leaders;
    private readonly ILetterQueue queue;
    private readonly TimeProvider time;
    private readonly ILogger<DiscoveryService> logger;

    internal DiscoveryService(
        IEnumerable<ILeaderSource> sources,
        LeaderCsvParser parser,
        IDistrictCatalog districts,
        ILeaderRepository leaders,
        ILetterQueue queue,
        TimeProvider time,
        ILogger<DiscoveryService> logger)
    {
        this.sources = sources;
        this.parser = parser;
        this.districts = districts;
        this.leaders = leaders;
        this.queue = queue;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Reads every source once, records what is new, and queues the welcomes of every district's waiting leaders. A failing
    /// source is reported and the others still run.
    /// </summary>
    public async Task<DiscoveryReport> RunAsync(CancellationToken cancellationToken = default)
    {
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
            await run.ApplyAsync(result.Leaders, source.Name, null, cancellationToken);
            await run.MarkRemovedAsync(result.RemovedSourceIds, source.Name, cancellationToken);
        }

        foreach (var district in districts.All)
        {
            await run.QueueWaitingAsync(district.Code, cancellationToken);
        }

        await run.FlushAsync(cancellationToken);
        var report = run.Report(rejected: false);
        LogRun(logger, report.Discovered, report.Updated, report.Unchanged, report.Problems.Count);
        return report;
    }

    /// <summary>
    /// A staff import of the leaders CSV. <see cref="ImportMode.AllOrNothing"/> refuses a file with any bad row and
    /// stores nothing; <see cref="ImportMode.GoodRows"/> stores the good rows and reports the bad ones. The welcomes of
    /// every leader still waiting in the districts of the file are queued, so a re-upload after an interrupted one finishes
    /// the job.
    /// </summary>
    public async Task<DiscoveryReport> ImportAsync(Stream csv, ImportMode mode, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var parsed = await parser.ParseAsync(csv, "import", cancellationToken);
        var run = new Run(this);
        run.Problems.AddRange(parsed.Problems);
        if (mode == ImportMode.AllOrNothing && parsed.Problems.Count > 0)
        {
            return run.Report(rejected: true);
        }

        await run.ApplyAsync(parsed.Leaders, "import by " + actor, null, cancellationToken);
        foreach (var district in run.Districts)
        {
            await run.QueueWaitingAsync(district, cancellationToken);
        }

        await run.FlushAsync(cancellationToken);
        return run.Report(rejected: false);
    }

    /// <summary>
    /// Registers one leader by hand (source <see cref="ManualSource"/>, source id the normalised address, so the same person
    /// gets the same id), checked by the rules of a leaders CSV row, stored as a discovered leader would be, with an event
    /// naming <paramref name="actor"/> and the note, and their welcome queued.
    /// </summary>
    /// <exception cref="InvalidFieldException">A value is refused; the field is named and nothing was stored.</exception>
    /// <exception cref="DuplicateLeaderException">The district knows the address already; nothing was stored.</exception>
    public async Task<LeaderView> RegisterAsync(ManualLeader manual, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manual);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var reasons = new List<string>();
        var email = manual.Email?.Trim() ?? "";
        var row = new CsvImportRow(0, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["district"] = manual.District ?? "",
            ["sourceId"] = EmailAddresses.IsValid(email) ? EmailAddresses.Normalize(email) : "none",
            ["name"] = manual.Name ?? "",
            ["email"] = manual.Email ?? "",
            ["jobTitle"] = manual.JobTitle ?? "",
            ["workplace"] = manual.Workplace ?? "",
            ["municipality"] = manual.Municipality ?? "",
            ["hireDate"] = manual.HireDate ?? "",
            ["member"] = manual.Membership ?? "",
        });
        var sourced = parser.ReadRow(row, ManualSource, reasons);
        if (sourced is null)
        {
            // The rules word every reason "{column} …"; the request's fields have the columns' names, but member is membership.
            var field = reasons[0].Split(' ')[0];
            throw new InvalidFieldException(field == "member" ? "membership" : field, string.Join("; ", reasons) + ".");
        }

        InvalidFieldException.ThrowIfEmptyOrLongerThan(manual.Note, ManualNoteMaxLength, "note");
        var run = new Run(this);
        if (await run.FindAsync(sourced, cancellationToken) is not null)
        {
            throw new DuplicateLeaderException("The district has a leader with this e-mail address already.");
        }

        await run.ApplyAsync([sourced], actor, "Registered by hand: " + manual.Note!.Trim(), cancellationToken);
        await run.FlushAsync(cancellationToken);
        if (run.Report(rejected: false).Discovered == 0)
        {
            // Someone stored the same person in between.
            throw new DuplicateLeaderException("The district has a leader with this e-mail address already.");
        }

        var stored = await leaders.GetAsync(sourced.District, LeaderIds.For(sourced.District, ManualSource, sourced.SourceId), cancellationToken);
        return stored!.ToView();
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
        private readonly List<WelcomeWorkItem> queued = [];
        private readonly HashSet<string> queuedIds = new(StringComparer.Ordinal);
        private readonly List<WelcomeWorkItem> pending = [];
        private int discovered;
        private int updated;
        private int unchanged;

        public Run(DiscoveryService owner) => this.owner = owner;

        public List<SourceProblem> Problems { get; } = [];

        public DiscoveryReport Report(bool rejected) =>
            new(discovered, updated, unchanged, queued, Problems) { Rejected = rejected };

        /// <summary>The districts whose leaders this run has read.</summary>
        public IReadOnlyList<string> Districts => [.. indexes.Keys];

        /// <summary>The known leader of the same source id or address, or null.</summary>
        public async Task<Leader?> FindAsync(SourcedLeader sourced, CancellationToken cancellationToken) =>
            (await IndexAsync(sourced.District, cancellationToken)).Find(sourced);

        public async Task ApplyAsync(IReadOnlyList<SourcedLeader> leaders, string actor, string? reason, CancellationToken cancellationToken)
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
                    await AddAsync(index, district, sourced, actor, reason ?? "Found as a new leader in " + sourced.Source, cancellationToken);
                }
                else if (Refresh(existing, sourced))
                {
                    await SaveRefreshedAsync(index, existing, leader => Refresh(leader, sourced), cancellationToken);
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
                    await SaveRefreshedAsync(index, leader, l => l.RemovedFromSource = true, cancellationToken);
                    updated++;
                }
            }
        }

        /// <summary>Queues the welcome of every leader of <paramref name="district"/> still waiting for one (not queued by this run).</summary>
        public async Task QueueWaitingAsync(string district, CancellationToken cancellationToken)
        {
            var index = await IndexAsync(district, cancellationToken);
            foreach (var leader in index.All.Where(l => l.State == LeaderState.Discovered))
            {
                // The delivery claim makes this safe: a letter that did go out is never sent twice.
                await QueueAsync(leader, cancellationToken);
            }
        }

        /// <summary>Queues what is left of the current batch.</summary>
        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (pending.Count > 0)
            {
                await owner.queue.EnqueueWelcomesAsync([.. pending], cancellationToken);
                queued.AddRange(pending);
                pending.Clear();
            }
        }

        private async Task QueueAsync(Leader leader, CancellationToken cancellationToken)
        {
            if (queuedIds.Add(leader.District + "/" + leader.LeaderId))
            {
                pending.Add(new WelcomeWorkItem(leader.District, leader.LeaderId));
                if (pending.Count >= WelcomeBatchSize)
                {
                    await FlushAsync(cancellationToken);
                }
            }
        }

        // A letter may move the leader on while the run is going; the refresh is then applied again to the fresh copy.
        private async Task SaveRefreshedAsync(DistrictIndex index, Leader leader, Action<Leader> refresh, CancellationToken cancellationToken)
        {
            try
            {
                await owner.leaders.UpdateAsync(leader, null, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                var fresh = await owner.leaders.GetAsync(leader.District, leader.LeaderId, cancellationToken);
                if (fresh is null)
                {
                    return;
                }

                refresh(fresh);
                await owner.leaders.UpdateAsync(fresh, null, cancellationToken);
                index.Add(fresh);
            }
        }

        private async Task AddAsync(DistrictIndex index, DistrictOptions district, SourcedLeader sourced, string actor, string reason, CancellationToken cancellationToken)
        {
            var now = owner.time.GetUtcNow();
            var leader = new Leader
            {
                District = district.Code,
                LeaderId = LeaderIds.For(district.Code, sourced.Source, sourced.SourceId),
                Name = sourced.Name.Trim(),
                Email = sourced.Email.Trim(),
                NormalizedEmail = EmailAddresses.Normalize(sourced.Email),
                EmailHash = EmailAddresses.Hash(sourced.Email),
                JobTitle = sourced.JobTitle,
                Workplace = sourced.Workplace,
                Municipality = sourced.Municipality,
                HireDate = sourced.HireDate,
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
                await owner.leaders.AddAsync(leader, LeaderEvent.Create(now, null, LeaderState.Discovered, actor, reason), cancellationToken);
            }
            catch (DuplicateLeaderException)
            {
                // A concurrent run stored the same person first; its work item covers the welcome.
                unchanged++;
                return;
            }

            index.Add(leader);
            discovered++;
            await QueueAsync(leader, cancellationToken);
        }

        private static bool Refresh(Leader leader, SourcedLeader sourced)
        {
            var changed = false;

            void Set(string? value, Func<Leader, string?> get, Action<Leader, string?> set)
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
            if (sourced.HireDate is { } hireDate && hireDate != leader.HireDate)
            {
                leader.HireDate = hireDate;
                changed = true;
            }
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
                index = new DistrictIndex(await owner.leaders.ListAsync(district, LeaderFilter.All, cancellationToken));
                indexes[district] = index;
            }

            return index;
        }
    }

    /// <summary>The known leaders of one district, found by source id or by normalised e-mail.</summary>
    private sealed class DistrictIndex
    {
        private readonly Dictionary<(string Source, string SourceId), Leader> bySourceId = [];
        private readonly Dictionary<string, Leader> byEmail = new(StringComparer.Ordinal);

        public DistrictIndex(IEnumerable<Leader> leaders)
        {
            foreach (var leader in leaders)
            {
                Add(leader);
            }
        }

        public IEnumerable<Leader> All => bySourceId.Values;

        public Leader? Find(SourcedLeader sourced) =>
            bySourceId.GetValueOrDefault((sourced.Source, sourced.SourceId)) ??
            byEmail.GetValueOrDefault(EmailAddresses.Normalize(sourced.Email));

        public void Add(Leader leader)
        {
            bySourceId[(leader.Source, leader.SourceId)] = leader;
            byEmail.TryAdd(leader.NormalizedEmail, leader);
        }
    }
}
