using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Outreach.Core;
using Outreach.Core.Discovery;
using Outreach.Core.Discovery.Graph;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.Membership;
using Outreach.DevHost.Azurite;
using Outreach.Testing.Graph;
using Outreach.Testing.SendGrid;

namespace Outreach.Core.Tests.Journeys;

/// <summary>
/// The whole welcome path as the app wires it (AddOutreachCore, the real districts file and templates), against its own
/// Azurite, a fake Microsoft Graph and a fake SendGrid on loopback, with an injected clock.
/// </summary>
public sealed class WelcomeJourneyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "outreach-journey-" + Guid.NewGuid().ToString("N")[..8]);
    private AzuriteLauncher azurite = null!;
    private FakeGraphServer graph = null!;
    private FakeSendGridServer sendGrid = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "leaders.csv"), """
            district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member
            storkobenhavn,csv-1,Mette Søndergaard,mette.journey@example.org,Forstander,Bostedet Lærkevej,København,2026-11-01,yes
            storkobenhavn,csv-2,<script>Jonas</script> Ærebo,jonas.journey@example.org,Afdelingsleder,Botilbuddet Åbrinken,Frederiksberg,2026-10-15,no

            """, new UTF8Encoding(false));
        azurite = await AzuriteLauncher.StartAsync();
        graph = await FakeGraphServer.StartAsync();
        sendGrid = await FakeSendGridServer.StartAsync();
        graph.UpsertUser(new JsonObject
        {
            ["id"] = "graph-1",
            ["displayName"] = "Birthe Kjær",
            ["mail"] = "birthe.journey@example.org",
            ["userPrincipalName"] = "birthe.journey@contoso.example",
            ["jobTitle"] = "Institutionsleder",
            ["department"] = "Børn og Unge, Københavns Kommune",
            ["officeLocation"] = "Opholdsstedet Fjorden",
            ["employeeHireDate"] = "2026-11-20T00:00:00Z",
            ["accountEnabled"] = true,
        });

        var root = RepositoryFiles.Root;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "config", "districts.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FUNCTIONS_APP_ROOT_PATH"] = root,
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Outreach:Sources:File"] = Path.Combine(folder, "leaders.csv"),
                ["Outreach:Sources:Graph:Enabled"] = "true",
                ["Outreach:Sources:Graph:BaseUrl"] = graph.BaseUrl,
                ["Outreach:Sources:Graph:TenantId"] = "00000000-0000-0000-0000-000000000001",
                ["Outreach:Sources:Graph:ClientId"] = "00000000-0000-0000-0000-000000000002",
                ["Outreach:Sources:Graph:JobTitleContains:0"] = "leder",
                ["Outreach:Sources:Graph:HiredWithinDays"] = "90",
                ["Outreach:Sources:Graph:DistrictByDepartment:Børn og Unge, Københavns Kommune"] = "storkobenhavn",
                ["Outreach:Mail:Mode"] = "SendGrid",
                ["Outreach:Mail:PrintPath"] = Path.Combine(folder, "print"),
                ["Outreach:SendGrid:ApiKey"] = FakeSendGridServer.DefaultApiKey,
                ["Outreach:SendGrid:BaseUrl"] = sendGrid.BaseUrl,
                ["Outreach:PublicBaseUrl"] = "https://outreach.example.dk",
                ["Outreach:Unsubscribe:SigningKey"] = "journey-test-signing-key-0123456789abcdef",
                ["Outreach:Privacy:HashKey"] = "journey-test-privacy-hash-key-0123456789abcdef",
            })
            .Build();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddOutreachCore(configuration);

        // The real Graph source, but the fake Graph needs no token: only the credential differs from production.
        collection.AddSingleton(provider => new GraphLeaderSource(
            new GraphServiceClient(GraphClientFactory.Create(), new AnonymousAuthenticationProvider(), graph.BaseUrl),
            provider.GetRequiredService<IOptions<GraphLeaderSourceOptions>>(),
            provider.GetRequiredService<IDiscoveryCursorStore>(),
            clock,
            provider.GetRequiredService<ILogger<GraphLeaderSource>>()));
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // As the host does: the hosted storage initializer creates the tables and queues once.
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await sendGrid.DisposeAsync();
        await graph.DisposeAsync();
        await azurite.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Journey_CsvAndGraphLeaders_WelcomedOnceFollowedUpAfterTheDelayAndStoppedWhenJoined()
    {
        // Arrange
        var discovery = services.GetRequiredService<DiscoveryService>();
        var welcomes = services.GetRequiredService<WelcomeService>();
        var followUps = services.GetRequiredService<FollowUpService>();
        var queries = services.GetRequiredService<LeaderQueries>();

        // Act 1: discovery over the CSV and a Graph delta page, then one welcome per work item.
        var first = await discovery.RunAsync();
        var outcomes = new List<LetterOutcome>();
        foreach (var item in first.QueuedWelcomes)
        {
            outcomes.Add(await welcomes.SendAsync(item));
        }

        // Assert 1: three new leaders, three letters, member and non-member letters differ, names arrive as text.
        Assert.Equal(3, first.Discovered);
        Assert.All(outcomes, outcome => Assert.Equal(LetterOutcome.Sent, outcome));
        Assert.Equal(3, sendGrid.Requests.Count);
        var letters = sendGrid.Requests.Select(request => request.Json).ToList();
        var member = letters.Single(letter => To(letter) == "mette.journey@example.org");
        var nonMember = letters.Single(letter => To(letter) == "jonas.journey@example.org");
        Assert.NotEqual(Subject(member), Subject(nonMember));
        Assert.Contains("&lt;script&gt;Jonas&lt;/script&gt;", Html(nonMember), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", Html(nonMember), StringComparison.Ordinal);
        Assert.StartsWith("welcome:", nonMember["personalizations"]![0]!["custom_args"]!["delivery_key"]!.GetValue<string>(), StringComparison.Ordinal);
        var leaders = await queries.ListAsync(new LeaderQuery { District = "storkobenhavn" });
        Assert.Equal(3, leaders.Count);
        Assert.All(leaders, leader => Assert.Equal(LeaderState.Welcomed, leader.State));
        var jonas = leaders.Single(leader => leader.Email == "jonas.journey@example.org");
        var birthe = leaders.Single(leader => leader.Email == "birthe.journey@example.org");
        Assert.Contains(await queries.GetEventsAsync("storkobenhavn", jonas.LeaderId), change => change.To == LeaderState.Welcomed);

        // Act 2: a second discovery run and a redelivered work item.
        var second = await discovery.RunAsync();
        var redelivered = await welcomes.SendAsync(first.QueuedWelcomes[0]);

        // Assert 2: nothing more goes out.
        Assert.Empty(second.QueuedWelcomes);
        Assert.Equal(LetterOutcome.AlreadySent, redelivered);
        Assert.Equal(3, sendGrid.Requests.Count);

        // Act 3: a month later the sweep finds the non-members (the member takes no follow-up); Birthe joins first.
        clock.Advance(TimeSpan.FromDays(31));
        using (var export = new MemoryStream(Encoding.UTF8.GetBytes("district,email,joinedOn\nstorkobenhavn,birthe.journey@example.org,2026-12-20\n")))
        {
            var import = await services.GetRequiredService<MembershipService>().ImportAsync(export, ImportMode.AllOrNothing, "test");
            Assert.Equal(1, import.Joined);
        }

        var due = await followUps.FindDueAsync();
        foreach (var item in due)
        {
            Assert.Equal(LetterOutcome.Sent, await followUps.SendAsync(item));
        }

        // Assert 3: one follow-up, to Jonas; Birthe is Joined and the join is credited to the welcome.
        Assert.Equal([jonas.LeaderId], due.Select(item => item.LeaderId));
        Assert.Equal(4, sendGrid.Requests.Count);
        Assert.Equal("jonas.journey@example.org", To(sendGrid.Requests[3].Json));
        Assert.Equal(LeaderState.FollowedUp, (await queries.GetAsync("storkobenhavn", jonas.LeaderId))!.State);
        var joined = (await queries.GetAsync("storkobenhavn", birthe.LeaderId))!;
        Assert.Equal(LeaderState.Joined, joined.State);
        Assert.True(joined.JoinCreditedToOutreach);

        // Act 4: Jonas joins before the second follow-up is due (yesterday; a date in the future would be refused).
        using (var export = new MemoryStream(Encoding.UTF8.GetBytes("district,email,joinedOn\nstorkobenhavn,jonas.journey@example.org,2027-01-02\n")))
        {
            var import = await services.GetRequiredService<MembershipService>().ImportAsync(export, ImportMode.AllOrNothing, "test");
            Assert.Equal((1, 1), (import.Joined, import.Credited));
        }

        clock.Advance(TimeSpan.FromDays(30));
        var afterJoining = await followUps.FindDueAsync();

        // Assert 4: no more letters for anybody.
        Assert.Empty(afterJoining);
        Assert.Equal(4, sendGrid.Requests.Count);
    }

    private static string To(JsonNode letter) => letter["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>();

    private static string Subject(JsonNode letter) => letter["subject"]?.GetValue<string>() ?? letter["personalizations"]![0]!["subject"]!.GetValue<string>();

    private static string Html(JsonNode letter) =>
        letter["content"]!.AsArray().Single(part => part!["type"]!.GetValue<string>() == "text/html")!["value"]!.GetValue<string>();
}
