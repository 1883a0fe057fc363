using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Leaders;
using Outreach.Functions.Imports;

namespace Outreach.Functions.Tests.Leaders;

/// <summary>Sets up leaders through the import function, as staff do.</summary>
internal static class TestLeaders
{
    public const string Header = "district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member";

    /// <summary>A name no other test uses.</summary>
    public static string Unique(string name) => name + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Imports one Storkøbenhavn leader with source id and e-mail from <paramref name="person"/>; returns the leader id.</summary>
    public static async Task<string> ImportOneAsync(IServiceProvider services, string person, string member = "no", string municipality = "København")
    {
        var answer = await ImportAsync(services, $"storkobenhavn,{person},Hanne Ødum,{person}@example.org,Leder,Fritidshjemmet Ærtebjerg,{municipality},2026-11-02,{member}\n");
        Assert.Equal(200, answer.Status);
        return await LeaderIdAsync(services, person + "@example.org");
    }

    /// <summary>Posts a leaders CSV (rows after the header) to ImportLeaders as the local staff member.</summary>
    public static Task<Answer> ImportAsync(IServiceProvider services, string rows, string query = "") =>
        HttpCalls.CallAsync(
            HttpCalls.StaffRequest(services, "POST", "/api/staff/imports/leaders" + query, Header + "\n" + rows, "text/csv"),
            request => ActivatorUtilities.CreateInstance<ImportFunctions>(services).ImportLeadersAsync(request, default));

    public static async Task<string> LeaderIdAsync(IServiceProvider services, string email)
    {
        var leaders = await services.GetRequiredService<LeaderQueries>().ListAsync(new LeaderQuery { District = "storkobenhavn", Limit = 1000 });
        return leaders.Single(leader => leader.Email == email).LeaderId;
    }

    public static async Task<LeaderView> GetAsync(IServiceProvider services, string leaderId) =>
        await services.GetRequiredService<LeaderQueries>().GetAsync("storkobenhavn", leaderId) ?? throw new InvalidOperationException("No such leader.");
}
