using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Storage;
using Outreach.Functions.Hosting;
using Outreach.Testing.Azurite;

namespace Outreach.Functions.Tests;

/// <summary>
/// The worker's real DI container (<see cref="FunctionsServiceCollectionExtensions.AddOutreachFunctions"/>, configured from
/// local.settings.sample.json as the worker is) against one Azurite, with letters and sources in a temporary folder.
/// Tests call the function classes directly; the gRPC host is not involved.
/// </summary>
public sealed class FunctionsFixture : IAsyncLifetime
{
    public const string AdminMemberKey = "admin-member-key-0123456789";
    public const string StaffMemberKey = "staff-member-key-0123456789";

    private readonly AzuriteFixture azurite = new();
    private readonly List<ServiceProvider> providers = [];

    /// <summary>The local staff key of local.settings.sample.json.</summary>
    public static string StaffKey => RepositoryFiles.SampleSettings()["Outreach__Staff__ApiKey"];

    /// <summary>The temporary folder holding sources, the outbox and print letters.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "outreach-functions-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The container whose file source has no leaders.</summary>
    public IServiceProvider Services { get; private set; } = null!;

    public string ConnectionString => azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await azurite.InitializeAsync();
        Services = CreateServices(leadersCsv: "");

        // What the host's start does (a hosted service): the containers here are never started as hosts.
        await Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await azurite.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>
    /// A container of its own whose file source holds <paramref name="leadersCsv"/> rows (after the header) and whose letters
    /// go to its own outbox; <paramref name="replace"/> may register services over the app's (e.g. a recording queue).
    /// </summary>
    public ServiceProvider CreateServices(
        string leadersCsv, IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var own = Path.Combine(Folder, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(own);
        var leaders = Path.Combine(own, "leaders.csv");
        File.WriteAllText(leaders, "district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member\n" + leadersCsv, new UTF8Encoding(false));

        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(RepositoryFiles.SampleSettings()
            .Select(pair => new KeyValuePair<string, string?>(pair.Key.Replace("__", ":", StringComparison.Ordinal), pair.Value)));
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FUNCTIONS_APP_ROOT_PATH"] = RepositoryFiles.Root,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Outreach:Mail:OutboxPath"] = Path.Combine(own, "mail"),
            ["Outreach:Mail:PrintPath"] = Path.Combine(own, "print"),
            ["Outreach:Sources:File"] = leaders,
            ["Outreach:Staff:Members:0:Name"] = "anne.admin",
            ["Outreach:Staff:Members:0:ApiKey"] = AdminMemberKey,
            ["Outreach:Staff:Members:0:Roles"] = "Staff,Admin",
            ["Outreach:Staff:Members:1:Name"] = "sam.staff",
            ["Outreach:Staff:Members:1:ApiKey"] = StaffMemberKey,
            ["Outreach:Staff:Members:1:Roles"] = "Staff",
        });
        configuration.AddInMemoryCollection(settings ?? []);
        configuration.AddOutreachAppFiles();

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddOutreachFunctions(configuration);
        replace?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        providers.Add(provider);
        return provider;
    }

    /// <summary>The outbox folder of a container made by <see cref="CreateServices"/>.</summary>
    public static string OutboxOf(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>()["Outreach:Mail:OutboxPath"]!;

    /// <summary>A function class resolved as the worker resolves it (constructor injection from the container).</summary>
    public T Create<T>(IServiceProvider? services = null) => ActivatorUtilities.CreateInstance<T>(services ?? Services);
}

[CollectionDefinition(Name)]
public sealed class FunctionsTestGroup : ICollectionFixture<FunctionsFixture>
{
    public const string Name = "Functions against Azurite";
}
