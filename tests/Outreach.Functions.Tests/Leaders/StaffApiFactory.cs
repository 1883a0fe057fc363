using Outreach.DevHost.Azurite;

namespace Outreach.Functions.Tests.Leaders;

/// <summary>The handler in process against its own Azurite, with letters written to a temporary outbox.</summary>
public sealed class StaffApiFactory : HandlerFactory, IAsyncLifetime
{
    private AzuriteLauncher? azurite;

    /// <summary>The temporary folder holding the outbox and print letters.</summary>
    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), "outreach-staff-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Outbox);
        await File.WriteAllTextAsync(LeadersFile, """
            district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member
            nordjylland,file-1,Karen Bøgh,karen.file@example.org,Forstander,Bostedet Limfjorden,Aalborg,2026-11-12,no

            """);
        azurite = await AzuriteLauncher.StartAsync();
    }

    /// <summary>The file source's CSV: one Nordjylland leader.</summary>
    public string LeadersFile => Path.Combine(Outbox, "leaders.csv");

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        if (Directory.Exists(Outbox))
        {
            Directory.Delete(Outbox, recursive: true);
        }
    }

    /// <summary>A client that sends the local staff key.</summary>
    public HttpClient CreateStaffClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", StaffKey);
        return client;
    }

    protected override bool CreatesStorageAtStart => true;

    protected override IEnumerable<KeyValuePair<string, string>> OverriddenSettings() =>
    [
        new("AzureWebJobsStorage", azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.")),
        new("Outreach:Mail:OutboxPath", Path.Combine(Outbox, "mail")),
        new("Outreach:Mail:PrintPath", Path.Combine(Outbox, "print")),
        new("Outreach:Sources:File", LeadersFile),
    ];
}
