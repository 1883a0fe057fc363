using System.Text;
using Microsoft.AspNetCore.Http;
using Outreach.Functions.Campaigns;
using Outreach.Functions.Imports;
using Outreach.Functions.Leaders;
using Outreach.Functions.Newsletters;
using Outreach.Functions.Operations;
using Outreach.Functions.ProviderEvents;
using Outreach.Functions.RecipientLists;
using Outreach.Functions.Staff;
using Outreach.Functions.Suppressions;
using Outreach.Functions.Tests.Campaigns;
using Outreach.Functions.Tests.Leaders;
using Outreach.Functions.Tests.Newsletters;

namespace Outreach.Functions.Tests.Refusals;

/// <summary>
/// A corpus of malformed requests to the staff and public functions (bad JSON, wrong types, oversized bodies, wrong media
/// types, bad CSV rows, unknown ids, injection-looking filters, control characters, over-long ids): each is answered with a
/// 4xx problem naming the field at fault where there is one, and leaves every table and queue as it was.
/// </summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class MalformedInputTests(FunctionsFixture fixture)
{
    private static readonly string LongId = new('a', 1100);

    private static readonly Dictionary<string, MalformedCase> Cases = new MalformedCase[]
    {
        // Leaders registered by hand: the body.
        new("register: not JSON", 400, "body", f => Register(f, """{"district":"storkobenhavn","name":""")),
        new("register: JSON array", 400, "body", f => Register(f, "[1,2]")),
        new("register: JSON null", 400, "body", f => Register(f, "null")),
        new("register: name is a number", 400, "name", f => Register(f, """{"district":"storkobenhavn","name":42}""")),
        new("register: bad e-mail", 400, "email", f => Register(f, Manual(email: "nobody@@example"))),
        new("register: control character in name", 400, "name", f => Register(f, Manual(name: "Hanne\\u0000Ødum"))),
        new("register: 1,100-character name", 400, "name", f => Register(f, Manual(name: LongId))),
        new("register: unknown district", 400, "district", f => Register(f, Manual(district: "storkobenhavn' or ''='"))),
        new("register: body over 64 KiB", 413, "body", f => Register(f, Manual(name: new string('x', 70_000)))),
        new("register: body over 64 KiB without Content-Length", 413, "body", f => Register(f, Manual(name: new string('x', 70_000)), streamed: true)),
        new("register: text/plain", 415, "body", f => Register(f, Manual(), "text/plain")),

        // Decisions about a leader.
        new("decision: unknown decision", 400, "decision", f => Decide(f, "storkobenhavn", "someone", """{"decision":"Maybe","reason":"Rang"}""")),
        new("decision: reason is a number", 400, "reason", f => Decide(f, "storkobenhavn", "someone", """{"decision":"Joined","reason":5}""")),
        new("decision: reason of 5,000 characters", 400, "reason", f => Decide(f, "storkobenhavn", "someone", $$"""{"decision":"Joined","reason":"{{new string('r', 5000)}}"}""")),
        new("decision: 1,100-character leader id", 400, "leaderId", f => Decide(f, "storkobenhavn", LongId, """{"decision":"Joined","reason":"Rang"}""")),
        new("decision: unknown leader", 404, null, f => Decide(f, "storkobenhavn", "no-such-leader-" + Guid.NewGuid().ToString("N"), """{"decision":"Joined","reason":"Rang"}""")),

        // Reading leaders: route ids and filters.
        new("leader: injection-looking district", 400, "district", f => Leader(f, "storkobenhavn' or ''='", "someone")),
        new("leader: 1,100-character id", 400, "leaderId", f => Leader(f, "storkobenhavn", LongId)),
        new("leader: id with a control character", 400, "leaderId", f => Leader(f, "storkobenhavn", "a\u0001b")),
        new("leader: unknown id", 404, null, f => Leader(f, "storkobenhavn", "no-such-leader-" + Guid.NewGuid().ToString("N"))),
        new("events: unknown id", 404, null, f => Staff<LeaderFunctions>(f, "GET", "/api/staff/leaders/storkobenhavn/x/events", (fn, r) => fn.GetEventsAsync(r, "storkobenhavn", "no-such-leader-x", default))),
        new("list: injection-looking district", 400, "district", f => List(f, "?district=storkobenhavn%27%20or%20%27%27%3D%27")),
        new("list: injection-looking municipality", 400, "municipality", f => List(f, "?district=storkobenhavn&municipality=x%27%20or%20PartitionKey%20ne%20%27")),
        new("list: OData-looking state", 400, "state", f => List(f, "?district=storkobenhavn&state=Joined%20or%20true")),
        new("list: OData-looking limit", 400, "limit", f => List(f, "?district=storkobenhavn&limit=1%20or%201")),
        new("list: district with a line break", 400, "district", f => List(f, "?district=storko%0Abenhavn")),
        new("list: 1,100-character municipality", 400, "municipality", f => List(f, "?district=storkobenhavn&municipality=" + LongId)),
        new("funnel: month 13", 400, "from", f => Staff<LeaderFunctions>(f, "GET", "/api/staff/funnel?district=storkobenhavn&from=2026-13", (fn, r) => fn.GetFunnelAsync(r, default))),
        new("funnel: $filter-looking district", 400, "district", f => Staff<LeaderFunctions>(f, "GET", "/api/staff/funnel?district=%24filter%3DPartitionKey%20ne%20%27%27", (fn, r) => fn.GetFunnelAsync(r, default))),

        // Suppressions.
        new("suppressions: over-long continuation", 400, "continuation", f => Staff<SuppressionFunctions>(f, "GET", "/api/staff/suppressions?continuation=" + new string('c', 3000), (fn, r) => fn.ListAsync(r, default))),
        new("suppressions: continuation with a control character", 400, "continuation", f => Staff<SuppressionFunctions>(f, "GET", "/api/staff/suppressions?continuation=a%07b", (fn, r) => fn.ListAsync(r, default))),
        new("suppress: bad e-mail", 400, "email", f => Suppress(f, """{"email":"a@b@example.org","reason":"Asked"}""")),
        new("suppress: e-mail is an array", 400, "email", f => Suppress(f, """{"email":["a@example.org"],"reason":"Asked"}""")),
        new("suppress: no reason", 400, "reason", f => Suppress(f, $$"""{"email":"{{TestLeaders.Unique("noreason")}}@example.org"}""")),
        new("unsuppress: injection-looking e-mail", 400, "email", f => Unsuppress(f, "x' or ''='")),
        new("unsuppress: unknown address", 404, null, f => Unsuppress(f, TestLeaders.Unique("never") + "@example.org")),

        // Letters whose outcome is unknown.
        new("unknown deliveries: injection-looking district", 400, "district", f => Staff<DeliveryFunctions>(f, "GET", "/api/staff/deliveries/unknown?district=x%27%20or%20%27%27%3D%27", (fn, r) => fn.ListUnknownAsync(r, default))),
        new("resolve: injection-looking kind", 400, "kind", f => Resolve(f, "someone", "welcome' or ''='", """{"outcome":"sent","note":"Checked"}""")),
        new("resolve: unknown outcome", 400, "outcome", f => Resolve(f, "someone", "welcome", """{"outcome":"maybe","note":"Checked"}""")),
        new("resolve: 1,100-character leader id", 400, "leaderId", f => Resolve(f, LongId, "welcome", """{"outcome":"sent","note":"Checked"}""")),
        new("resolve: unknown leader", 404, null, f => Resolve(f, "no-such-leader-" + Guid.NewGuid().ToString("N"), "welcome", """{"outcome":"sent","note":"Checked"}""")),

        // Poison queues (admin).
        new("poison: unknown queue", 400, "queue", f => Admin<PoisonQueueFunctions>(f, "DELETE", "/api/staff/poison/x/y", (fn, r) => fn.DiscardAsync(r, "welcome-letters' or ''='", "y", default))),
        new("poison: 1,100-character message id", 400, "messageId", f => Admin<PoisonQueueFunctions>(f, "DELETE", "/api/staff/poison/x/y", (fn, r) => fn.DiscardAsync(r, "welcome-letters-poison", LongId, default))),

        // CSV imports.
        new("import: control character in a name, all-or-nothing", 422, null, f => Import(f, "", GoodRow("good") + GoodRow("bell").Replace("Hanne Ødum", "Hanne\u0007Ødum", StringComparison.Ordinal))),
        new("import: unknown mode", 400, "mode", f => Import(f, "?mode=all'%20or%201", GoodRow("mode"))),
        new("import: JSON instead of CSV", 415, "body", f => Import(f, "", "{}", "application/json")),
        new("import: one bad row, all-or-nothing", 422, null, f => Import(f, "", GoodRow("good") + BadRow("bad"))),
        new("import: bad rows only", 422, null, f => Import(f, "?mode=all-or-nothing", BadRow("bad1") + BadRow("bad2"))),
        new("import: over Outreach:Imports:MaxBytes without Content-Length", 413, "body", f => Import(f, "", string.Concat(Enumerable.Range(0, 200).Select(i => GoodRow("big" + i))), smallLimit: true)),
        new("import members: JSON instead of CSV", 415, "body", f => Staff<ImportFunctions>(f, "POST", "/api/staff/imports/members", "{}", "application/json", (fn, r) => fn.ImportMembersAsync(r, default))),

        // Campaigns, newsletter issues and recipient lists (issue 10).
        new("campaign: unknown category", 400, "category", f => Staff<CampaignFunctions>(f, "POST", "/api/staff/campaigns",
            CampaignRequests.MeetingInvitation.Replace("\"campaigns\"", "\"spam\"", StringComparison.Ordinal), "application/json", (fn, r) => fn.CreateAsync(r, default))),
        new("campaign: membership OData-looking", 400, "audience.segment.membership", f => Staff<CampaignFunctions>(f, "POST", "/api/staff/campaigns",
            CampaignRequests.MeetingInvitation.Replace("\"membership\":\"member\"", "\"membership\":\"member' or ''='\"", StringComparison.Ordinal), "application/json", (fn, r) => fn.CreateAsync(r, default))),
        new("campaign: body over 64 KiB", 413, "body", f => Staff<CampaignFunctions>(f, "POST", "/api/staff/campaigns",
            CampaignRequests.MeetingInvitation.Replace("Vi inviterer til møde.", new string('x', 70_000), StringComparison.Ordinal), "application/json", (fn, r) => fn.CreateAsync(r, default), streamed: true)),
        new("campaign send: time without an offset", 400, "at", f => Staff<CampaignFunctions>(f, "POST", "/api/staff/campaigns/c-1/send",
            """{"at":"2027-01-05T09:00:00"}""", "application/json", (fn, r) => fn.SendAsync(r, "c-1", default))),
        new("newsletter: month 13", 400, "month", f => Staff<NewsletterFunctions>(f, "POST", "/api/staff/newsletters",
            NewsletterRequests.Issue("2027-13"), "application/json", (fn, r) => fn.CreateAsync(r, default))),
        new("newsletter: approve a campaign's id", 404, null, f => Staff<NewsletterFunctions>(f, "POST", "/api/staff/newsletters/c-1/approve", (fn, r) => fn.ApproveAsync(r, "c-1", default))),
        new("list: JSON instead of CSV", 415, "body", f => Staff<RecipientListFunctions>(f, "POST", "/api/staff/lists?name=x", "{}", "application/json", (fn, r) => fn.UploadAsync(r, default))),
        new("list: name with a line break", 400, "name", f => Staff<RecipientListFunctions>(f, "POST", "/api/staff/lists?name=a%0Db", "email,name\n", "text/csv", (fn, r) => fn.UploadAsync(r, default))),

        // The public webhook.
        new("webhook: unsigned", 401, null, f => Webhook(f, "[]")),
        new("webhook: body over 1 MiB without Content-Length", 413, "body", f => Webhook(f, new string(' ', 1024 * 1024 + 1))),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Call_MalformedInput_AnswersProblemNamingTheFieldAndChangesNothing(string name)
    {
        // Arrange
        var malformed = Cases[name];
        var before = await StorageSnapshot.TakeAsync(fixture.ConnectionString);

        // Act
        var answer = await malformed.Call(fixture);
        var after = await StorageSnapshot.TakeAsync(fixture.ConnectionString);

        // Assert
        Assert.Equal(malformed.Status, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(malformed.Status, (int?)answer.Json["status"]);
        if (malformed.Field is not null)
        {
            Assert.NotNull(answer.Json["errors"]?[malformed.Field]);
        }

        Assert.Equal(before, after);
    }

    private static string Manual(string district = "storkobenhavn", string name = "Hanne Ødum", string? email = null) =>
        $$"""{"district":"{{district}}","name":"{{name}}","email":"{{email ?? TestLeaders.Unique("manual") + "@example.org"}}","jobTitle":"Leder","workplace":"Ærtebjerg","municipality":"København","hireDate":"2026-11-02","membership":"no","note":"Tip from a shop steward"}""";

    private static string GoodRow(string person) =>
        $"storkobenhavn,{TestLeaders.Unique(person)},Hanne Ødum,{TestLeaders.Unique(person)}@example.org,Leder,Ærtebjerg,{TestLeaders.Unique("Refusal")},2026-11-02,no\n";

    private static string BadRow(string person) =>
        $"storkobenhavn,{TestLeaders.Unique(person)},Hanne Ødum,not-an-address,Leder,Ærtebjerg,{TestLeaders.Unique("Refusal")},2026-11-02,no\n";

    private static Task<Answer> Register(FunctionsFixture fixture, string body, string contentType = "application/json", bool streamed = false) =>
        Staff<LeaderRegistrationFunctions>(fixture, "POST", "/api/staff/leaders", body, contentType, (fn, r) => fn.RegisterAsync(r, default), streamed);

    private static Task<Answer> Decide(FunctionsFixture fixture, string district, string leaderId, string body) =>
        Staff<LeaderFunctions>(fixture, "POST", "/api/staff/leaders/d/l/decisions", body, "application/json", (fn, r) => fn.RecordDecisionAsync(r, district, leaderId, default));

    private static Task<Answer> Leader(FunctionsFixture fixture, string district, string leaderId) =>
        Staff<LeaderFunctions>(fixture, "GET", "/api/staff/leaders/d/l", (fn, r) => fn.GetAsync(r, district, leaderId, default));

    private static Task<Answer> List(FunctionsFixture fixture, string query) =>
        Staff<LeaderFunctions>(fixture, "GET", "/api/staff/leaders" + query, (fn, r) => fn.ListAsync(r, default));

    private static Task<Answer> Suppress(FunctionsFixture fixture, string body) =>
        Staff<SuppressionFunctions>(fixture, "POST", "/api/staff/suppressions", body, "application/json", (fn, r) => fn.AddAsync(r, default));

    private static Task<Answer> Unsuppress(FunctionsFixture fixture, string email) =>
        Admin<SuppressionFunctions>(fixture, "DELETE", "/api/staff/suppressions/x", (fn, r) => fn.RemoveAsync(r, email, default));

    private static Task<Answer> Resolve(FunctionsFixture fixture, string leaderId, string kind, string body) =>
        Staff<DeliveryFunctions>(fixture, "POST", "/api/staff/deliveries/l/k/resolve", body, "application/json", (fn, r) => fn.ResolveAsync(r, leaderId, kind, default));

    private static Task<Answer> Import(FunctionsFixture fixture, string query, string rows, string contentType = "text/csv", bool smallLimit = false)
    {
        var services = smallLimit ? fixture.CreateServices("", [new("Outreach:Imports:MaxBytes", "4096")]) : fixture.Services;
        var body = contentType == "text/csv" ? TestLeaders.Header + "\n" + rows : rows;
        return Call<ImportFunctions>(fixture, services, "POST", "/api/staff/imports/leaders" + query, body, contentType, FunctionsFixture.StaffMemberKey, (fn, r) => fn.ImportLeadersAsync(r, default), streamed: smallLimit);
    }

    private static Task<Answer> Webhook(FunctionsFixture fixture, string body)
    {
        var request = HttpCalls.Request(fixture.Services, "POST", "/api/public/sendgrid/events", body);
        request.ContentLength = null;
        return HttpCalls.CallAsync(request, r => fixture.Create<ProviderEventFunctions>().ReceiveAsync(r, default));
    }

    private static Task<Answer> Staff<T>(FunctionsFixture fixture, string method, string path, Func<T, HttpRequest, Task<IResult>> function) =>
        Call(fixture, fixture.Services, method, path, null, "application/json", FunctionsFixture.StaffMemberKey, function);

    private static Task<Answer> Staff<T>(FunctionsFixture fixture, string method, string path, string body, string contentType, Func<T, HttpRequest, Task<IResult>> function, bool streamed = false) =>
        Call(fixture, fixture.Services, method, path, body, contentType, FunctionsFixture.StaffMemberKey, function, streamed);

    private static Task<Answer> Admin<T>(FunctionsFixture fixture, string method, string path, Func<T, HttpRequest, Task<IResult>> function) =>
        Call(fixture, fixture.Services, method, path, null, "application/json", FunctionsFixture.AdminMemberKey, function);

    // Calls the function as the staff member with apiKey; streamed drops Content-Length, so only the bytes read can tell the size.
    private static Task<Answer> Call<T>(
        FunctionsFixture fixture, IServiceProvider services, string method, string path, string? body, string contentType, string apiKey, Func<T, HttpRequest, Task<IResult>> function, bool streamed = false)
    {
        var request = HttpCalls.StaffRequest(services, method, path, body, contentType, apiKey);
        if (streamed)
        {
            request.ContentLength = null;
        }

        return HttpCalls.CallAsync(request, r => function(fixture.Create<T>(services), r));
    }

    private sealed record MalformedCase(string Name, int Status, string? Field, Func<FunctionsFixture, Task<Answer>> Call);
}
