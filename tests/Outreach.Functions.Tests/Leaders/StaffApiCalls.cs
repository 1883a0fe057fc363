using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Outreach.Functions.Tests.Leaders;

/// <summary>Staff API calls that several test classes make to set up a leader.</summary>
internal static class StaffApiCalls
{
    /// <summary>The header of the leaders CSV.</summary>
    public const string LeadersHeader = "district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member";

    /// <summary>Imports one Storkøbenhavn leader with source id <paramref name="person"/> and e-mail person@example.org; returns the leader id.</summary>
    public static async Task<string> ImportOneAsync(HttpClient client, string person, string member)
    {
        var imported = await PostCsvAsync(client, "/api/staff/imports/leaders", $"""
            {LeadersHeader}
            storkobenhavn,{person},Hanne Ødum,{person}@example.org,Leder,Fritidshjemmet Ærtebjerg,København,2026-11-02,{member}
            """);
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        var leaders = await client.GetFromJsonAsync<JsonArray>(new Uri("/api/staff/leaders?district=storkobenhavn", UriKind.Relative));
        return leaders!.Single(leader => leader!["email"]!.GetValue<string>() == person + "@example.org")!["leaderId"]!.GetValue<string>();
    }

    /// <summary>Posts a CSV upload and returns the status, media type and JSON body.</summary>
    public static async Task<(HttpStatusCode Status, string? ContentType, JsonObject Body)> PostCsvAsync(HttpClient client, string path, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}
