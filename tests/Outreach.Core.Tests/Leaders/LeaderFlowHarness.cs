using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.Membership;
using Outreach.Core.OptOuts;
using Outreach.Core.Storage;
using Outreach.Core.Templates;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.Leaders;

/// <summary>
/// The leader flows wired as the app wires them, on the shared Azurite, with the ports that leave the process (mail,
/// rendering, tokens, the leader source) replaced by recording fakes. Each harness uses districts of its own, so tests
/// sharing the tables never see each other's leaders.
/// </summary>
internal sealed class LeaderFlowHarness : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private LeaderFlowHarness(string connectionString, Func<ILeaderRepository, ILeaderRepository>? wrapLeaders)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Copenhagen = District("kbh" + suffix, 30, 60);
        Aalborg = District("nj" + suffix, 14, null);
        Catalog = new FixedDistricts([Copenhagen, Aalborg]);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IDistrictCatalog>(Catalog)
            .AddSingleton<IMailSender>(Mail)
            .AddSingleton<ILetterRenderer>(new EchoRenderer())
            .AddSingleton<IUnsubscribeTokens>(Tokens)
            .AddSingleton<Core.PrintLetters.IPrintLetterWriter>(new Core.PrintLetters.FilePrintLetterWriter(PrintFolder, Clock, Templates.LetterSamples.PrintPages(Catalog)))
            .AddSingleton<ILeaderSource>(Source)
            .AddSingleton<ILetterQueue>(Queue)
            .AddSingleton<ILeaderRepository>(sp =>
            {
                var repository = new TableLeaderRepository(sp.GetRequiredService<TableServiceClient>());
                return wrapLeaders is null ? repository : wrapLeaders(repository);
            })
            .AddOutreachStorage(configuration)
            .AddOutreachLeaders();
        provider = services.BuildServiceProvider();
    }

    /// <summary>What discovery queued, in this harness only (the Storage queues are shared by every test of the Azurite).</summary>
    public RecordingLetterQueue Queue { get; } = new();

    /// <summary>The repositories the flows use, for tests that wrap them.</summary>
    public IServiceProvider Services => provider;

    /// <summary>A harness with the tables and queues created, as the host's start does.</summary>
    /// <param name="connectionString">The shared Azurite.</param>
    /// <param name="wrapLeaders">Wraps the leader repository, e.g. to inject a fault between writes.</param>
    public static async Task<LeaderFlowHarness> StartAsync(string connectionString, Func<ILeaderRepository, ILeaderRepository>? wrapLeaders = null)
    {
        var harness = new LeaderFlowHarness(connectionString, wrapLeaders);
        await harness.provider.GetRequiredService<StorageInitializer>().EnsureCreatedAsync();
        _ = harness.provider.GetRequiredService<ILeaderRepository>(); // so that a wrapper exists before the first run
        return harness;
    }

    public string PrintFolder { get; } = Path.Combine(Path.GetTempPath(), "outreach-print-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero));

    public RecordingMailSender Mail { get; } = new();

    public ListSource Source { get; } = new();

    public FixedTokens Tokens { get; } = new();

    public FixedDistricts Catalog { get; }

    public DistrictOptions Copenhagen { get; }

    public DistrictOptions Aalborg { get; }

    public DiscoveryService Discovery => provider.GetRequiredService<DiscoveryService>();

    public WelcomeService Welcome => provider.GetRequiredService<WelcomeService>();

    public FollowUpService FollowUps => provider.GetRequiredService<FollowUpService>();

    public MembershipService Membership => provider.GetRequiredService<MembershipService>();

    public LeaderQueries Queries => provider.GetRequiredService<LeaderQueries>();

    public OptOutService OptOuts => provider.GetRequiredService<OptOutService>();

    public SourcedLeader Leader(string sourceId, MembershipStatus membership, DistrictOptions? district = null, string? email = null) => new()
    {
        District = (district ?? Copenhagen).Code,
        SourceId = sourceId,
        Name = "Søren Ærø " + sourceId,
        Email = email ?? $"{sourceId}.{Guid.NewGuid():N}@institution.example",
        JobTitle = "Institutionsleder",
        Workplace = "Børnehuset Mælkebøtten",
        Municipality = "Tårnby",
        HireDate = new DateOnly(2026, 11, 1),
        Membership = membership,
        Source = "file",
    };

    public static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    public async Task<IReadOnlyList<LeaderView>> LeadersAsync(DistrictOptions? district = null) =>
        await Queries.ListAsync(new LeaderQuery { District = (district ?? Copenhagen).Code });

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        if (Directory.Exists(PrintFolder))
        {
            Directory.Delete(PrintFolder, recursive: true);
        }
    }

    public static DistrictOptions District(string code, int followUpDays, int? secondFollowUpDays)
    {
        var district = new DistrictOptions
        {
            Code = code,
            DisplayName = "Socialpædagogerne " + code,
            Chair = new ChairOptions { Name = "Hanne Bøgh", Title = "Formand for ledersektionen" },
            Sender = new SenderOptions { Email = "ledersektionen@sl.example", Name = "Ledersektionen" },
            ReplyTo = "leder@sl.example",
            FollowUpDelayDays = followUpDays,
            SecondFollowUpDelayDays = secondFollowUpDays,
            JoinUrl = "https://sl.example/bliv-medlem",
        };
        district.Municipalities.Add("Tårnby");
        return district;
    }

    public sealed class FixedDistricts(IReadOnlyList<DistrictOptions> districts) : IDistrictCatalog
    {
        public IReadOnlyList<DistrictOptions> All => districts;

        public DistrictOptions? Find(string code) => districts.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));

        public DistrictOptions GetRequired(string code) => Find(code) ?? throw new KeyNotFoundException(code);
    }

    public sealed class RecordingMailSender : IMailSender
    {
        private int count;

        public List<OutgoingMail> Sent { get; } = [];

        /// <summary>Thrown instead of sending (before the letter leaves).</summary>
        public Exception? FailWith { get; set; }

        /// <summary>Thrown after the letter left, as a process crash between sending and recording would.</summary>
        public Exception? CrashAfterSending { get; set; }

        /// <summary>When set, a send waits for it first: a letter that is on its way while something else happens.</summary>
        public TaskCompletionSource? HoldBeforeSending { get; set; }

        /// <summary>Completes when a send has started waiting on <see cref="HoldBeforeSending"/>.</summary>
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<MailSendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
        {
            if (HoldBeforeSending is { } hold)
            {
                Holding.TrySetResult();
                await hold.Task;
            }

            if (FailWith is { } failure)
            {
                throw failure;
            }

            lock (Sent)
            {
                Sent.Add(mail);
            }

            if (CrashAfterSending is { } crash)
            {
                throw crash;
            }

            return new MailSendResult("msg-" + Interlocked.Increment(ref count));
        }
    }

    public sealed class RecordingLetterQueue : ILetterQueue
    {
        public List<IReadOnlyCollection<WelcomeWorkItem>> WelcomeBatches { get; } = [];

        public List<FollowUpWorkItem> FollowUps { get; } = [];

        public IEnumerable<WelcomeWorkItem> Welcomes => WelcomeBatches.SelectMany(batch => batch);

        /// <summary>Fails the batch after this many have been queued (a crash part-way through a run).</summary>
        public int? FailAfterBatches { get; set; }

        public Task EnqueueWelcomesAsync(IReadOnlyCollection<WelcomeWorkItem> items, CancellationToken cancellationToken = default)
        {
            if (WelcomeBatches.Count >= FailAfterBatches)
            {
                throw new IOException("The queue is unreachable (injected).");
            }

            WelcomeBatches.Add([.. items]);
            return Task.CompletedTask;
        }

        public Task EnqueueFollowUpsAsync(IReadOnlyCollection<FollowUpWorkItem> items, CancellationToken cancellationToken = default)
        {
            FollowUps.AddRange(items);
            return Task.CompletedTask;
        }
    }

    public sealed class ListSource : ILeaderSource
    {
        public List<SourcedLeader> Leaders { get; } = [];

        public List<string> Removed { get; } = [];

        public string Name => "file";

        public Task<LeaderSourceResult> ReadAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(new LeaderSourceResult(Leaders.ToList(), Removed.ToList(), []));
    }

    public sealed class FixedTokens : IUnsubscribeTokens
    {
        public string CreateToken(string district, string email, OptOutCategory category) => $"{district}~{EmailAddresses.Hash(email)}~{category}";

        public Uri CreateLink(string district, string email, OptOutCategory category) =>
            new("http://localhost:7071/api/public/unsubscribe?token=" + Uri.EscapeDataString(CreateToken(district, email, category)));

        public UnsubscribeClaim? Verify(string? token)
        {
            var parts = token?.Split('~');
            return parts is { Length: 3 } && Enum.TryParse<OptOutCategory>(parts[2], out var category) ? new UnsubscribeClaim(parts[0], parts[1], category) : null;
        }
    }

    private sealed class EchoRenderer : ILetterRenderer
    {
        public RenderedLetter Render(DistrictOptions district, string templateName, LetterModel model) =>
            new(templateName + " " + model.FollowUpNumber, "<p>" + model.RecipientName + "</p>", model.RecipientName + " " + model.UnsubscribeUrl);
    }
}
