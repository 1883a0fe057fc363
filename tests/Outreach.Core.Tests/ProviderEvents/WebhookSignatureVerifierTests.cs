using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.ProviderEvents;
using Outreach.Testing.SendGrid;

namespace Outreach.Core.Tests.ProviderEvents;

/// <summary>Only SendGrid's recent, unaltered requests pass the Event Webhook's check.</summary>
public sealed class WebhookSignatureVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("[{\"email\":\"a@example.org\",\"event\":\"delivered\",\"sg_event_id\":\"e1\"}]\r\n");

    private readonly WebhookSigner signer = new();
    private readonly FakeTimeProvider clock = new(Now);

    public void Dispose() => signer.Dispose();

    [Fact]
    public void Check_SignedNowByTheKey_IsValid()
    {
        // Arrange
        var timestamp = WebhookSigner.Timestamp(Now);

        // Act
        var check = Verifier().Check(signer.Sign(timestamp, Body), timestamp, Body);

        // Assert
        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void Check_SendGridsPublishedTestVector_IsValidAndAnyChangeIsNot()
    {
        // Arrange: the vector SendGrid's own libraries verify (raw bytes with the trailing CRLF).
        const string key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
        const string signature = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
        const string timestamp = "1600112502";
        var body = Encoding.UTF8.GetBytes(
            "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\"," +
            "\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n");
        var verifier = new WebhookSignatureVerifier(Options.Create(new ProviderEventOptions { WebhookPublicKey = key }), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1600112502 + 60)));

        // Act
        var genuine = verifier.Check(signature, timestamp, body);
        var withoutCrLf = verifier.Check(signature, timestamp, body.AsSpan(0, body.Length - 2));

        // Assert
        Assert.Equal(SignatureCheck.Valid, genuine);
        Assert.Equal(SignatureCheck.Invalid, withoutCrLf);
    }

    [Fact]
    public void Check_SignedByAnotherKey_IsInvalid()
    {
        // Arrange
        using var forger = new WebhookSigner();
        var timestamp = WebhookSigner.Timestamp(Now);

        // Act
        var check = Verifier().Check(forger.Sign(timestamp, Body), timestamp, Body);

        // Assert
        Assert.Equal(SignatureCheck.Invalid, check);
    }

    [Fact]
    public void Check_BodyAlteredAfterSigning_IsInvalid()
    {
        // Arrange
        var timestamp = WebhookSigner.Timestamp(Now);
        var signature = signer.Sign(timestamp, Body);
        var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("delivered", "bounce", StringComparison.Ordinal));

        // Act
        var check = Verifier().Check(signature, timestamp, altered);

        // Assert
        Assert.Equal(SignatureCheck.Invalid, check);
    }

    [Fact]
    public void Check_TimestampChangedAfterSigning_IsInvalid()
    {
        // Arrange
        var signature = signer.Sign(WebhookSigner.Timestamp(Now), Body);

        // Act
        var check = Verifier().Check(signature, WebhookSigner.Timestamp(Now.AddSeconds(-1)), Body);

        // Assert
        Assert.Equal(SignatureCheck.Invalid, check);
    }

    [Theory]
    [InlineData(-11 * 60)]
    [InlineData(6 * 60)]
    public void Check_SignedTooLongAgoOrInTheFuture_IsStale(int secondsFromNow)
    {
        // Arrange
        var timestamp = WebhookSigner.Timestamp(Now.AddSeconds(secondsFromNow));

        // Act
        var check = Verifier().Check(signer.Sign(timestamp, Body), timestamp, Body);

        // Assert
        Assert.Equal(SignatureCheck.Stale, check);
    }

    [Theory]
    [InlineData(null, "1796623200")]
    [InlineData("", "1796623200")]
    [InlineData("MEUCIQ==", null)]
    public void Check_MissingHeader_IsMissing(string? signature, string? timestamp)
    {
        // Act
        var check = Verifier().Check(signature, timestamp, Body);

        // Assert
        Assert.Equal(SignatureCheck.Missing, check);
    }

    [Fact]
    public void Check_SignatureNotBase64_IsInvalid()
    {
        // Arrange
        var timestamp = WebhookSigner.Timestamp(Now);

        // Act
        var check = Verifier().Check("not base64!", timestamp, Body);

        // Assert
        Assert.Equal(SignatureCheck.Invalid, check);
    }

    [Fact]
    public void Check_NoKeyConfigured_RefusesAGenuineRequest()
    {
        // Arrange
        var timestamp = WebhookSigner.Timestamp(Now);

        // Act
        var check = Verifier(publicKey: "").Check(signer.Sign(timestamp, Body), timestamp, Body);

        // Assert
        Assert.Equal(SignatureCheck.Missing, check);
    }

    [Fact]
    public void Check_BodyOverTheLimit_IsTooLarge()
    {
        // Arrange
        var body = new byte[ProviderEventOptions.MaxBodyBytes + 1];
        var timestamp = WebhookSigner.Timestamp(Now);

        // Act
        var check = Verifier().Check(signer.Sign(timestamp, body), timestamp, body);

        // Assert
        Assert.Equal(SignatureCheck.TooLarge, check);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE")]
    public void Validate_KeySetButNotAP256Key_Fails(string key)
    {
        // Act
        var result = new ProviderEventOptionsValidator().Validate(null, new ProviderEventOptions { WebhookPublicKey = key });

        // Assert
        Assert.True(result.Failed);
        Assert.Contains("WebhookPublicKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GeneratedKeyOrNone_Succeeds()
    {
        // Act
        var withKey = new ProviderEventOptionsValidator().Validate(null, new ProviderEventOptions { WebhookPublicKey = signer.PublicKey });
        var without = new ProviderEventOptionsValidator().Validate(null, new ProviderEventOptions());

        // Assert
        Assert.True(withKey.Succeeded);
        Assert.True(without.Succeeded);
    }

    private WebhookSignatureVerifier Verifier(string? publicKey = null) =>
        new(Options.Create(new ProviderEventOptions { WebhookPublicKey = publicKey ?? signer.PublicKey }), clock);
}
