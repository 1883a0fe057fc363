using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Email;
using Outreach.Core.Email.Outbox;

namespace Outreach.Core.Tests.Email;

/// <summary>The outbox's batched send: one letter file per recipient with the values filled in, named by delivery key.</summary>
public sealed partial class OutboxBatchMailSenderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "outreach-outbox-batch-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 8, 8, 30, 0, TimeSpan.Zero));

    private string Outbox => Path.Combine(root, "outbox");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task SendBatchAsync_Batch_WritesOneLetterPerRecipientWithTheValuesFilledIn()
    {
        using var host = CreateHost();
        var mail = BatchMailSamples.Invitation(3);
        var special = BatchMailSamples.Recipient("html" + Guid.NewGuid().ToString("N")[..8], 7, "Bo & Anne <\"Leder\">");
        mail = mail with { Recipients = [.. mail.Recipients, special] };

        var result = await Batches(host).SendBatchAsync(mail);

        Assert.Equal("outbox:" + mail.BatchKey, result.ProviderMessageId);
        var files = Directory.GetFiles(Outbox);
        Assert.Equal(4, files.Length);
        foreach (var recipient in mail.Recipients)
        {
            var file = Path.Combine(Outbox, OutboxMailSender.BatchFileName(recipient.DeliveryKey));
            using var message = await MimeMessage.LoadAsync(file);
            var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
            Assert.Equal(recipient.To.Email, to.Address);
            Assert.Equal(recipient.To.Name, to.Name);
            Assert.Equal(mail.Subject, message.Subject);
            Assert.Equal("<" + recipient.UnsubscribeUrl.AbsoluteUri + ">", message.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Equal(recipient.DeliveryKey, message.Headers[OutboxMailSender.DeliveryKeyHeader]);
            Assert.Equal(RecipientTags.Fill(mail.TextBody, recipient.Substitutions).ReplaceLineEndings("\n"), message.TextBody!.ReplaceLineEndings("\n"));
            Assert.Equal(RecipientTags.Fill(mail.HtmlBody, recipient.Substitutions), message.HtmlBody!.ReplaceLineEndings("\n"));
            Assert.Contains("Kære " + recipient.To.Name + "\n", message.TextBody.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains(recipient.UnsubscribeUrl.AbsoluteUri, message.TextBody, StringComparison.Ordinal);
            foreach (var tag in RecipientTags.All)
            {
                Assert.DoesNotContain(tag, message.TextBody, StringComparison.Ordinal);
                Assert.DoesNotContain(tag, message.HtmlBody, StringComparison.Ordinal);
            }
        }

        using var escaped = await MimeMessage.LoadAsync(Path.Combine(Outbox, OutboxMailSender.BatchFileName(special.DeliveryKey)));
        Assert.Contains("<p>Kære Bo &amp; Anne &lt;&quot;Leder&quot;&gt;</p>", escaped.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Kære Bo & Anne <\"Leder\">", escaped.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendBatchAsync_SameBatchTwice_ReplacesItsOwnFiles()
    {
        using var host = CreateHost();
        var mail = BatchMailSamples.Invitation(25);
        await Batches(host).SendBatchAsync(mail);
        var first = Directory.GetFiles(Outbox).Order(StringComparer.Ordinal).ToList();

        clock.Advance(TimeSpan.FromMinutes(10));
        await Batches(host).SendBatchAsync(mail);

        Assert.Equal(25, first.Count);
        Assert.Equal(first, Directory.GetFiles(Outbox).Order(StringComparer.Ordinal));
        using var message = await MimeMessage.LoadAsync(first[0]);
        Assert.Equal(clock.GetUtcNow(), message.Date);
    }

    [Fact]
    public async Task SendBatchAsync_FileNames_HoldOnlySafeCharactersAndNoAddress()
    {
        using var host = CreateHost();
        var mail = BatchMailSamples.Invitation(5);

        await Batches(host).SendBatchAsync(mail);

        var names = Directory.GetFiles(Outbox).Select(Path.GetFileName).ToList();
        Assert.Equal(5, names.Count);
        Assert.All(names, name => Assert.Matches(SafeName(), name!));
        Assert.All(names, name => Assert.DoesNotContain("leder", name!, StringComparison.OrdinalIgnoreCase));
        Assert.NotEqual(OutboxMailSender.BatchFileName("campaign:a:1:b"), OutboxMailSender.BatchFileName("campaign-a-1-b"));
    }

    [Fact]
    public async Task SendBatchAsync_MoreThan1000Recipients_IsRefusedBeforeAnyFile()
    {
        using var host = CreateHost();

        await Assert.ThrowsAsync<ArgumentException>(() => Batches(host).SendBatchAsync(BatchMailSamples.Invitation(1001)));

        Assert.False(Directory.Exists(Outbox) && Directory.EnumerateFileSystemEntries(Outbox).Any());
    }

    [Fact]
    public async Task SendBatchAsync_Cancelled_ThrowsNotSent()
    {
        using var host = CreateHost();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<MailNotSentException>(() => Batches(host).SendBatchAsync(BatchMailSamples.Invitation(3), cancellation.Token));

        Assert.Empty(Directory.GetFiles(Outbox));
    }

    private static IBatchMailSender Batches(MailTestHost host) => host.Services.GetRequiredService<IBatchMailSender>();

    private MailTestHost CreateHost() => MailTestHost.Create(clock, new Dictionary<string, string?>
    {
        ["FUNCTIONS_APP_ROOT_PATH"] = root,
        [MailOptions.Section + ":OutboxPath"] = "outbox",
    });

    [GeneratedRegex(@"^campaign-c[0-9a-f]{10}-1-[0-9a-f]{64}-[0-9a-f]{12}\.eml$")]
    private static partial Regex SafeName();
}
