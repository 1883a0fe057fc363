using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.CampaignSending;
using Outreach.Core.Email;
using Outreach.Core.Letters;
using Outreach.Core.OptOuts;
using Outreach.Core.Storage;
using Outreach.Core.Suppressions;
using Outreach.Core.Unsubscribe;
using Outreach.Functions.Campaigns;
using Outreach.Functions.Letters;
using Outreach.Functions.Privacy;
using Outreach.Functions.Staff;
using Outreach.Functions.Tests.Campaigns;
using Outreach.Functions.Tests.Leaders;
using Outreach.Functions.Tests.RecipientLists;

namespace Outreach.Functions.Tests.Privacy;

/// <summary>Export and erasure of one address through the real container against Azurite: every row, then none but the keyed hash.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class PrivacyFunctionsTests(FunctionsFixture fixture)
{
    [Theory]
    [InlineData(nameof(PrivacyFunctions.ExportAsync))]
    [InlineData(nameof(PrivacyFunctions.EraseAsync))]
    public async Task Middleware_NoPrincipal_Answers401(string method)
    {
        // Arrange
        var request = HttpCalls.Request(fixture.Services, "GET", "/api/staff/people/a@example.org");

        // Act
        var refusal = Middleware().Check(EntryPoint(method), request.HttpContext);

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal(401, (await HttpCalls.RunAsync(refusal, request)).Status);
    }

    [Theory]
    [InlineData(nameof(PrivacyFunctions.ExportAsync))]
    [InlineData(nameof(PrivacyFunctions.EraseAsync))]
    public async Task Middleware_StaffOnlyKey_Answers403(string method)
    {
        // Arrange
        var request = HttpCalls.Request(fixture.Services, "DELETE", "/api/staff/people/a@example.org");
        request.Headers[StaffAuthenticator.ApiKeyHeader] = FunctionsFixture.StaffMemberKey;

        // Act
        var refusal = Middleware().Check(EntryPoint(method), request.HttpContext);

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal(403, (await HttpCalls.RunAsync(refusal, request)).Status);
    }

    [Theory]
    [InlineData(nameof(PrivacyFunctions.ExportAsync))]
    [InlineData(nameof(PrivacyFunctions.EraseAsync))]
    public void Middleware_AdminKey_LetsIn(string method)
    {
        // Arrange
        var request = HttpCalls.Request(fixture.Services, "DELETE", "/api/staff/people/a@example.org");
        request.Headers[StaffAuthenticator.ApiKeyHeader] = FunctionsFixture.AdminMemberKey;

        // Act
        var refusal = Middleware().Check(EntryPoint(method), request.HttpContext);

        // Assert
        Assert.Null(refusal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@b")]
    [InlineData("Hanne <h@example.org>")]
    public async Task ExportAndErase_NotAnAddress_Answer400NamingEmail(string email)
    {
        // Arrange
        var functions = fixture.Create<PrivacyFunctions>();

        // Act
        var export = await HttpCalls.CallAsync(Admin("GET", "/api/staff/people/x/export"), r => functions.ExportAsync(r, email, default));
        var erase = await HttpCalls.CallAsync(Admin("DELETE", "/api/staff/people/x"), r => functions.EraseAsync(r, email, default));

        // Assert
        Assert.Equal((400, 400), (export.Status, erase.Status));
        Assert.NotNull(export.Json["errors"]!["email"]);
        Assert.NotNull(erase.Json["errors"]!["email"]);
    }

    [Fact]
    public async Task Export_NothingHeld_Answers404()
    {
        // Act
        var email = TestLeaders.Unique("nobody") + "@example.org";
        var answer = await HttpCalls.CallAsync(Admin("GET", "/api/staff/people/x/export"), r => fixture.Create<PrivacyFunctions>().ExportAsync(r, email, default));

        // Assert
        Assert.Equal(404, answer.Status);
    }

    [Fact]
    public async Task ExportThenErase_LeaderOnAListMailedByACampaignThenOptedOutAndSuppressed_ExportsEveryPartThenLeavesOnlyTheKeyedHash()
    {
        // Arrange: a leader imported and welcomed (to the outbox), who is also on an uploaded list that a campaign was
        // sent to, and who then opted out and was suppressed by staff. The clock stands at noon in Copenhagen, inside
        // the districts' send window (08:00-20:00), whenever the test runs.
        var noon = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(11), TimeSpan.Zero);
        var services = fixture.CreateServices("", replace: s => s.AddSingleton<TimeProvider>(new FixedClock(noon)));
        var person = TestLeaders.Unique("erase");
        var email = person + "@example.org";
        var leaderId = await TestLeaders.ImportOneAsync(services, person);
        var letters = fixture.Create<LetterFunctions>(services);
        await letters.SendWelcomeAsync(JsonSerializer.Serialize(new WelcomeWorkItem("storkobenhavn", leaderId), WorkItemJsonContext.Default.WelcomeWorkItem), default);
        var (listId, campaignId) = await SendCampaignToListAsync(services, person, email);
        var token = services.GetRequiredService<IUnsubscribeTokens>().CreateToken("storkobenhavn", email, OptOutCategory.Outreach);
        Assert.NotNull(await services.GetRequiredService<OptOutService>().OptOutAsync(token));
        await services.GetRequiredService<SuppressionService>().SuppressAsync(email, "Asked by phone", "anne.admin");
        var functions = fixture.Create<PrivacyFunctions>(services);

        // Act
        var exportRequest = Admin("GET", "/api/staff/people/x/export", services);
        var export = await HttpCalls.CallAsync(exportRequest, r => functions.ExportAsync(r, email.ToUpperInvariant(), default));
        var erase = await HttpCalls.CallAsync(Admin("DELETE", "/api/staff/people/x", services), r => functions.EraseAsync(r, email, default));
        var eraseAgain = await HttpCalls.CallAsync(Admin("DELETE", "/api/staff/people/x", services), r => functions.EraseAsync(r, email, default));
        var exportAfter = await HttpCalls.CallAsync(Admin("GET", "/api/staff/people/x/export", services), r => functions.ExportAsync(r, email, default));

        // Assert: the export holds every part.
        Assert.Equal(200, export.Status);
        Assert.StartsWith("attachment", exportRequest.HttpContext.Response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        var record = Assert.Single(export.Json["leaders"]!.AsArray())!;
        Assert.Equal(email, export.Json["email"]!.GetValue<string>());
        Assert.Equal((leaderId, "LegitimateInterest"), (record["leader"]!["leaderId"]!.GetValue<string>(), record["leader"]!["lawfulBasis"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(record["leader"]!["source"]!.GetValue<string>()));
        var events = record["events"]!.AsArray();
        Assert.Contains(events, change => change!["to"]!.GetValue<string>() == "Welcomed");
        var delivery = Assert.Single(record["deliveries"]!.AsArray())!;
        Assert.Equal(("welcome", "Sent"), (delivery["kind"]!.GetValue<string>(), delivery["status"]!.GetValue<string>()));
        Assert.Equal("Outreach", Assert.Single(export.Json["optOuts"]!.AsArray())!["category"]!.GetValue<string>());
        Assert.Equal("Asked by phone", export.Json["suppression"]!["reason"]!.GetValue<string>());
        var listEntry = Assert.Single(export.Json["listEntries"]!.AsArray())!;
        Assert.Equal((listId, "Valgliste " + person, email, "Hanne Kandidat", "København", "Kandidat"),
            (listEntry["listId"]!.GetValue<string>(), listEntry["listName"]!.GetValue<string>(), listEntry["email"]!.GetValue<string>(),
                listEntry["name"]!.GetValue<string>(), listEntry["municipality"]!.GetValue<string>(), listEntry["role"]!.GetValue<string>()));
        var mail = Assert.Single(export.Json["campaignDeliveries"]!.AsArray())!;
        Assert.Equal((campaignId, 0, "Sent"), (mail["campaignId"]!.GetValue<string>(), mail["batch"]!.GetValue<int>(), mail["status"]!.GetValue<string>()));

        // Assert: the erasure counts each table, a second one counts nothing, and nothing is held any more.
        Assert.Equal(200, erase.Status);
        Assert.Equal((1, events.Count, 1, 1, 1, 1, 1), Counts(erase));
        Assert.Equal((200, (0, 0, 0, 0, 0, 0, 0)), (eraseAgain.Status, Counts(eraseAgain)));
        Assert.Equal(404, exportAfter.Status);
        await AssertOnlyTheKeyedHashRemainsAsync(email, leaderId);
        await AssertListAndCampaignKeepOnlyTheOtherPersonAsync(listId, campaignId, email, person);
    }

    [Fact]
    public async Task Erase_ThenTheSameLeaderIsImportedAgain_TheirWelcomeIsNotSent()
    {
        // Arrange
        var services = fixture.CreateServices("");
        var person = TestLeaders.Unique("again");
        var email = person + "@example.org";
        await TestLeaders.ImportOneAsync(services, person);
        var erase = await HttpCalls.CallAsync(Admin("DELETE", "/api/staff/people/x", services), r => fixture.Create<PrivacyFunctions>(services).EraseAsync(r, email, default));
        Assert.Equal(200, erase.Status);
        var leaderId = await TestLeaders.ImportOneAsync(services, person);

        // Act
        await fixture.Create<LetterFunctions>(services).SendWelcomeAsync(
            JsonSerializer.Serialize(new WelcomeWorkItem("storkobenhavn", leaderId), WorkItemJsonContext.Default.WelcomeWorkItem), default);

        // Assert
        var outbox = FunctionsFixture.OutboxOf(services);
        Assert.False(Directory.Exists(outbox) && Directory.EnumerateFiles(outbox, "*.eml").Any());
    }

    private static (int, int, int, int, int, int, int) Counts(Answer answer) => (
        answer.Json["leaders"]!.GetValue<int>(),
        answer.Json["leaderEvents"]!.GetValue<int>(),
        answer.Json["deliveries"]!.GetValue<int>(),
        answer.Json["optOuts"]!.GetValue<int>(),
        answer.Json["suppressions"]!.GetValue<int>(),
        answer.Json["listEntries"]!.GetValue<int>(),
        answer.Json["campaignDeliveries"]!.GetValue<int>());

    /// <summary>
    /// Uploads a list of the person and one other, and sends a campaign to it as staff do (sam writes, anne approves,
    /// sam sends; the plan and its one batch run as the queue would run them); answers the list's and campaign's ids.
    /// </summary>
    private async Task<(string ListId, string CampaignId)> SendCampaignToListAsync(IServiceProvider services, string person, string email)
    {
        var csv = $"{RecipientListCalls.Header}\n{email},Hanne Kandidat,København,Kandidat\n{person}.other@example.org,Bo Kandidat,Tårnby,Kandidat\n";
        var (uploaded, _) = await RecipientListCalls.UploadAsync(services, "Valgliste " + person, csv);
        Assert.Equal(201, uploaded.Status);
        var listId = uploaded.Json["id"]!.GetValue<string>();
        var (created, _) = await StaffCalls.CallWithLocationAsync<CampaignFunctions>(
            services, StaffCalls.Sam, "POST", CampaignFunctions.Path, CampaignRequests.ToList(listId), (f, r) => f.CreateAsync(r, default));
        Assert.Equal(201, created.Status);
        var campaignId = created.Json["id"]!.GetValue<string>();
        var approved = await StaffCalls.CallAsync<CampaignFunctions>(
            services, StaffCalls.Anne, "POST", $"{CampaignFunctions.Path}/{campaignId}/approve", null, (f, r) => f.ApproveAsync(r, campaignId, default));
        Assert.Equal(200, approved.Status);
        var (sent, _) = await StaffCalls.CallWithLocationAsync<CampaignFunctions>(
            services, StaffCalls.Sam, "POST", $"{CampaignFunctions.Path}/{campaignId}/send", "", (f, r) => f.SendAsync(r, campaignId, default));
        Assert.Equal(202, sent.Status);
        var work = fixture.Create<CampaignWorkFunctions>(services);
        await work.PlanAsync(JsonSerializer.Serialize(new CampaignPlanWorkItem(campaignId), CampaignWorkItemJsonContext.Default.CampaignPlanWorkItem), default);
        await work.SendBatchAsync(JsonSerializer.Serialize(new CampaignBatchWorkItem(campaignId, 0), CampaignWorkItemJsonContext.Default.CampaignBatchWorkItem), default);
        return (listId, campaignId);
    }

    private async Task AssertListAndCampaignKeepOnlyTheOtherPersonAsync(string listId, string campaignId, string email, string person)
    {
        var tables = new TableServiceClient(fixture.ConnectionString);
        var hash = EmailAddresses.Hash(email);
        var other = EmailAddresses.Hash(person + ".other@example.org");
        var listRows = await tables.GetTableClient(StorageNames.RecipientListsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {listId}")).ToListAsync();
        Assert.DoesNotContain(listRows, row => row.RowKey == hash);
        Assert.Contains(listRows, row => row.RowKey == other);
        // The list counts what it holds: the other person only.
        Assert.Equal(1, Assert.Single(listRows, row => row.RowKey == "~list").GetInt32("Rows"));
        var batchRows = await tables.GetTableClient(StorageNames.CampaignBatchesTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaignId + "-00000"}")).ToListAsync();
        Assert.DoesNotContain(batchRows, row => row.RowKey == hash);
        Assert.Contains(batchRows, row => row.RowKey == other);
        var audit = await tables.GetTableClient(StorageNames.PrivacyAuditTable).QueryAsync<TableEntity>().ToListAsync();
        Assert.Contains(audit, row => row.GetString("Actor") == "anne.admin" && row.GetInt32("ListEntries") == 1 && row.GetInt32("CampaignDeliveries") == 1);
    }

    private async Task AssertOnlyTheKeyedHashRemainsAsync(string email, string leaderId)
    {
        var tables = new TableServiceClient(fixture.ConnectionString);
        var hash = EmailAddresses.Hash(email);
        Assert.Empty(await tables.GetTableClient(StorageNames.LeadersTable)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"storkobenhavn"} and (RowKey eq {leaderId} or EmailHash eq {hash})")).ToListAsync());
        Assert.Empty(await tables.GetTableClient(StorageNames.LeadersTable)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"storkobenhavn"} and RowKey ge {"~" + leaderId + "~"} and RowKey lt {"~" + leaderId + "~~"}")).ToListAsync());
        Assert.Empty(await tables.GetTableClient(StorageNames.DeliveriesTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {leaderId}")).ToListAsync());
        Assert.Empty(await tables.GetTableClient(StorageNames.OptOutsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {hash}")).ToListAsync());
        var suppressions = await tables.GetTableClient(StorageNames.SuppressionsTable).QueryAsync<TableEntity>().ToListAsync();
        Assert.DoesNotContain(suppressions, row => row.RowKey == hash);
        Assert.DoesNotContain(suppressions, row => ((IDictionary<string, object>)row).Values.OfType<string>().Any(text => text.Contains(email, StringComparison.OrdinalIgnoreCase)));
        // The one trace: HMAC-SHA256 of the normalised address under the configured key.
        var keyedHash = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(RepositoryFiles.SampleSettings()["Outreach__Privacy__HashKey"]), Encoding.UTF8.GetBytes(email)));
        var kept = Assert.Single(suppressions, row => row.PartitionKey == "erased" && row.RowKey == keyedHash);
        Assert.Equal(("erased", "anne.admin"), (kept.GetString("Reason"), kept.GetString("Source")));
        var audit = await tables.GetTableClient(StorageNames.PrivacyAuditTable).QueryAsync<TableEntity>().ToListAsync();
        Assert.Contains(audit, row => row.GetString("Actor") == "anne.admin" && row.GetInt32("Leaders") == 1);
        Assert.DoesNotContain(audit, row => ((IDictionary<string, object>)row).Values.OfType<string>().Any(text => text.Contains(email, StringComparison.OrdinalIgnoreCase)));
    }

    private HttpRequest Admin(string method, string path, IServiceProvider? services = null) =>
        HttpCalls.StaffRequest(services ?? fixture.Services, method, path, apiKey: FunctionsFixture.AdminMemberKey);

    private StaffAuthorizationMiddleware Middleware() => new(fixture.Services.GetRequiredService<StaffAuthenticator>());

    private static string EntryPoint(string method) => typeof(PrivacyFunctions).FullName + "." + method;

    /// <summary>A clock that stands still (this project does not reference the testing TimeProvider package).</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
