using Outreach.Functions.RecipientLists;
using Outreach.Functions.Tests.Campaigns;

namespace Outreach.Functions.Tests.RecipientLists;

/// <summary>Uploads recipient lists as staff do.</summary>
internal static class RecipientListCalls
{
    public const string Header = "email,name,municipality,role";

    /// <summary>Two unique candidates of København, and one row without an address (line 3).</summary>
    public static string Candidates(string person) =>
        $"{Header}\n{person}.a@example.org,Anna Kandidat,København,Kandidat\n,Uden Adresse,København,Kandidat\n{person}.b@example.org,Bo Kandidat,Tårnby,Kandidat\n";

    public static Task<(Answer Answer, string? Location)> UploadAsync(IServiceProvider services, string name, string csv, string apiKey = StaffCalls.Sam) =>
        StaffCalls.CallWithLocationAsync<RecipientListFunctions>(
            services, apiKey, "POST", "/api/staff/lists?name=" + Uri.EscapeDataString(name), csv, (f, r) => f.UploadAsync(r, default), "text/csv");

    /// <summary>Uploads <see cref="Candidates"/> and answers the list's id.</summary>
    public static async Task<string> UploadCandidatesAsync(IServiceProvider services, string person)
    {
        var (answer, _) = await UploadAsync(services, "Kandidater " + person, Candidates(person));
        Assert.Equal(201, answer.Status);
        return answer.Json["id"]!.GetValue<string>();
    }
}
