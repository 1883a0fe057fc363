using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Email;
using Outreach.Core.Email.SendGrid;
using Outreach.Testing.SendGrid;

namespace Outreach.Core.Tests.Email;

/// <summary>
/// Our SendGrid requests checked against SendGrid's own OpenAPI description, served by the pinned Prism mock: a request
/// that matches gets 202, one that does not gets 400 with the reason in <c>sl-violations</c>.
/// </summary>
public sealed class SendGridPrismTests : IClassFixture<PrismFixture>
{
    private readonly PrismFixture prism;

    public SendGridPrismTests(PrismFixture prism) => this.prism = prism;

    public static TheoryData<string, bool> Letters => new()
    {
        { "member", false },
        { "member", true },
        { "non-member", false },
        { "non-member", true },
    };

    [Theory]
    [MemberData(nameof(Letters))]
    public async Task SendAsync_Letter_PassesTheOpenApiValidation(string variant, bool sandbox)
    {
        var responses = new RecordingHandler();
        using var host = MailTestHost.ForSendGrid(prism.BaseUrl, TimeProvider.System, apiKey: "SG.prism", sandbox: sandbox,
            configure: services => services.AddHttpClient(SendGridMailSender.HttpClientName).AddHttpMessageHandler(() => responses));
        var mail = variant == "member" ? MailSamples.MemberWelcome() : MailSamples.NonMemberWelcome();

        var exception = await Record.ExceptionAsync(() => host.Sender.SendAsync(mail));

        Assert.True(exception is null, $"Prism refused the request: {responses.LastViolations ?? exception?.Message}");
        Assert.Equal(202, responses.LastStatus);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendBatchAsync_1000Recipients_PassesTheOpenApiValidation(bool sandbox)
    {
        // Custom args travel per personalization only, where the description types them right (see the test of the
        // top-level defect below), so the verbatim description validates the batched request as it is.
        var responses = new RecordingHandler();
        using var host = MailTestHost.ForSendGrid(prism.BaseUrl, TimeProvider.System, apiKey: "SG.prism", sandbox: sandbox, timeoutSeconds: 60,
            configure: services => services.AddHttpClient(SendGridMailSender.HttpClientName).AddHttpMessageHandler(() => responses));
        var mail = BatchMailSamples.Invitation(1000);

        var exception = await Record.ExceptionAsync(() => host.Services.GetRequiredService<IBatchMailSender>().SendBatchAsync(mail));

        Assert.True(exception is null, $"Prism refused the request: {responses.LastViolations ?? exception?.Message}");
        Assert.Equal(202, responses.LastStatus);
    }

    [Fact]
    public async Task SendBatchAsync_InvalidAddressOfOneRecipient_IsRefusedByTheOpenApiValidation()
    {
        var responses = new RecordingHandler();
        using var host = MailTestHost.ForSendGrid(prism.BaseUrl, TimeProvider.System, apiKey: "SG.prism",
            configure: services => services.AddHttpClient(SendGridMailSender.HttpClientName).AddHttpMessageHandler(() => responses));
        var mail = BatchMailSamples.Invitation(3);
        mail = mail with { Recipients = [mail.Recipients[0], mail.Recipients[1] with { To = new EmailAddress("ikke en adresse") }, mail.Recipients[2]] };

        var exception = await Assert.ThrowsAsync<MailRejectedException>(() => host.Services.GetRequiredService<IBatchMailSender>().SendBatchAsync(mail));

        Assert.Equal(400, exception.Status);
        Assert.Contains("\"personalizations\",\"1\",\"to\",\"0\",\"email\"", responses.LastViolations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_InvalidAddress_IsRefusedByTheOpenApiValidation()
    {
        var responses = new RecordingHandler();
        using var host = MailTestHost.ForSendGrid(prism.BaseUrl, TimeProvider.System, apiKey: "SG.prism",
            configure: services => services.AddHttpClient(SendGridMailSender.HttpClientName).AddHttpMessageHandler(() => responses));
        var mail = MailSamples.MemberWelcome() with { To = new EmailAddress("ikke en adresse") };

        var exception = await Assert.ThrowsAsync<MailRejectedException>(() => host.Sender.SendAsync(mail));

        Assert.Equal(400, exception.Status);
        Assert.Contains("email", responses.LastViolations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prism_BodyWithoutFrom_IsRefusedWithTheViolation()
    {
        var body = ValidBody();
        body.Remove("from");

        using var response = await PostAsync(body);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("'from'", Violations(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prism_TopLevelCustomArgsObject_IsRefusedBecauseTheDescriptionTypesItAsString()
    {
        // The real API takes an object here; the description says string. This pins the defect the client avoids by
        // sending custom args per personalization only: a fixed description turns this test red and can be adopted.
        var body = ValidBody();
        body["custom_args"] = new JsonObject { ["delivery_key"] = "welcome:l1" };

        using var response = await PostAsync(body);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("custom_args", Violations(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prism_ValidBody_IsAccepted()
    {
        using var response = await PostAsync(ValidBody());

        Assert.Equal(202, (int)response.StatusCode);
    }

    private static JsonObject ValidBody() => new()
    {
        ["personalizations"] = new JsonArray(new JsonObject { ["to"] = new JsonArray(new JsonObject { ["email"] = "leder@example.dk" }) }),
        ["from"] = new JsonObject { ["email"] = "afsender@example.dk" },
        ["subject"] = "Velkommen",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text/plain", ["value"] = "Hej" }),
    };

    private async Task<HttpResponseMessage> PostAsync(JsonObject body)
    {
        // A short timeout: Prism never answers some malformed bodies, and a hang must fail the test, not stall it.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(prism.BaseUrl + "/v3/mail/send"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "SG.prism");
        return await http.SendAsync(request);
    }

    private static string Violations(HttpResponseMessage response) =>
        response.Headers.TryGetValues(PrismFixture.ViolationsHeader, out var values) ? string.Join(" ", values) : "";

    // Keeps Prism's verdict, which our exceptions do not carry (its error body is a canned example).
    private sealed class RecordingHandler : DelegatingHandler
    {
        public int? LastStatus { get; private set; }

        public string? LastViolations { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            LastStatus = (int)response.StatusCode;
            LastViolations = Violations(response);
            return response;
        }
    }
}
