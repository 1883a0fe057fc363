using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outreach.EndToEnd.Tests;

/// <summary>
/// A settings root for runs of the real app: a temporary folder with a local.settings.json (the repository's sample
/// settings, pointed at this folder's leaders CSV and outbox and at the repository's districts and templates) and a CSV
/// of made-up leaders, half in each sample district, alternately members and non-members.
/// </summary>
internal sealed class EndToEndSettings : IDisposable
{
    public const string StaffKey = "local-dev-staff-key";

    public EndToEndSettings(int leaderCount, string storageConnectionString = "UseDevelopmentStorage=true")
    {
        Root = Directory.CreateTempSubdirectory("outreach-e2e-").FullName;
        Outbox = Path.Combine(Root, "outbox");
        Leaders = [.. Enumerable.Range(1, leaderCount).Select(number => new TestLeader(
            number % 2 == 0 ? "nordjylland" : "storkobenhavn",
            string.Create(CultureInfo.InvariantCulture, $"Testleder Nummer{number:000}"),
            string.Create(CultureInfo.InvariantCulture, $"leader{number:000}@example.org"),
            IsMember: number % 4 is 1 or 2))];
        WriteLeaders();

        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "local.settings.sample.json")))!;
        var values = sample["Values"]!.AsObject();
        values["AzureWebJobsStorage"] = storageConnectionString;
        values["FUNCTIONS_APP_ROOT_PATH"] = Root;
        values["Outreach__DistrictsFile"] = Path.Combine(RepositoryFiles.Root, "config", "districts.json");
        values["Outreach__Templates__Path"] = Path.Combine(RepositoryFiles.Root, "templates");
        values["Outreach__Sources__File"] = Path.Combine(Root, "leaders.csv");
        values["Outreach__Mail__Mode"] = "Outbox";
        values["Outreach__Mail__OutboxPath"] = Outbox;
        values["Outreach__Mail__PrintPath"] = Path.Combine(Outbox, "print");
        values["Outreach__Staff__ApiKey"] = StaffKey;
        File.WriteAllText(Path.Combine(Root, "local.settings.json"), sample.ToJsonString());
    }

    public string Root { get; }

    public string Outbox { get; }

    public IReadOnlyList<TestLeader> Leaders { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void WriteLeaders()
    {
        var hired = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = new StringBuilder("district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member\n");
        foreach (var (leader, index) in Leaders.Select((leader, index) => (leader, index)))
        {
            var municipality = leader.District == "nordjylland" ? "Aalborg" : "København";
            csv.Append(CultureInfo.InvariantCulture, $"{leader.District},e2e-{index:0000},{leader.Name},{leader.Email},Forstander,Bostedet Test,{municipality},{hired},{(leader.IsMember ? "yes" : "no")}\n");
        }

        File.WriteAllText(Path.Combine(Root, "leaders.csv"), csv.ToString());
    }
}

/// <summary>A leader of the test's CSV.</summary>
internal sealed record TestLeader(string District, string Name, string Email, bool IsMember);
