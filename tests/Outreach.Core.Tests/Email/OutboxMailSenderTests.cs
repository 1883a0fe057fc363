using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Email;
using Outreach.Core.Email.Outbox;

namespace Outreach.Core.Tests.Email;

/// <summary>The outbox sender: one RFC 5322 file per mail that reads back intact, written atomically, named by time.</summary>
public sealed partial class OutboxMailSenderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "outreach-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 6, 15, 2, 123, TimeSpan.Zero));

    private string Outbox => Path.Combine(root, "outbox");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task SendAsync_Letter_WritesOneEmlThatReadsBackWithEveryHeaderAndBothParts()
    {
        using var host = CreateHost();
        var mail = MailSamples.MemberWelcome() with
        {
            TextBody = MailSamples.MemberWelcome().TextBody + "Linje med mellemrum til sidst   \nFrom the chair\n= lighedstegn og en meget lang linje: " + string.Concat(Enumerable.Repeat("Særlige tegn æøå ÆØÅ ", 10)),
        };

        var result = await host.Sender.SendAsync(mail);

        var file = Assert.Single(Directory.GetFiles(Outbox)); File.Copy(file, "/tmp/sample-email.eml", true);
        var message = MimeTestReader.Read(await File.ReadAllTextAsync(file, Encoding.UTF8));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 15, 2, TimeSpan.Zero), DateTimeOffset.Parse(message.Header("Date")!, CultureInfo.InvariantCulture));
        Assert.Equal("Socialpædagogerne Storkøbenhavn", message.Address("From").DisplayName);
        Assert.Equal("leder@storkobenhavn.example.dk", message.Address("From").Address);
        Assert.Equal("Søren Ærø Åberg", message.Address("To").DisplayName);
        Assert.Equal("soeren.aeroe@example.dk", message.Address("To").Address);
        Assert.Equal("ledersekretariatet@storkobenhavn.example.dk", message.Address("Reply-To").Address);
        Assert.Equal(mail.Subject, message.Header("Subject"));
        Assert.Equal("<" + result.ProviderMessageId + ">", message.Header("Message-ID"));
        Assert.Equal(Path.GetFileNameWithoutExtension(file) + "@storkobenhavn.example.dk", result.ProviderMessageId);
        Assert.Equal("1.0", message.Header("MIME-Version"));
        Assert.Equal("<" + mail.UnsubscribeUrl!.AbsoluteUri + ">", message.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", message.Header("List-Unsubscribe-Post"));
        Assert.Equal(mail.DeliveryKey, message.Header("X-Outreach-Delivery-Key"));
        Assert.Equal("multipart/alternative", message.ContentType.MediaType);

        Assert.Equal(2, message.Parts.Count);
        Assert.Equal("text/plain", message.Parts[0].ContentType.MediaType);
        Assert.Equal("text/html", message.Parts[1].ContentType.MediaType);
        Assert.All(message.Parts, part => Assert.Equal("utf-8", part.ContentType.CharSet));
        Assert.Equal(mail.TextBody.ReplaceLineEndings("\r\n"), message.Parts[0].Body);
        Assert.Equal(mail.HtmlBody, message.Parts[1].Body);
        Assert.Contains(MailSamples.DanishLetters, message.Parts[0].Body, StringComparison.Ordinal);
        Assert.Contains(MailSamples.DanishLetters, message.Parts[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_LongSubjectNameAndLines_UsesCrlfAndLinesWithinTheLimits()
    {
        using var host = CreateHost();
        var mail = MailSamples.NonMemberWelcome() with
        {
            Subject = string.Concat(Enumerable.Repeat("Velkommen til fællesskabet for ledere i Storkøbenhavn – ", 4)),
            To = new EmailAddress("aase.oeberg@example.dk", "Åse Marie Østergaard-Ærenlund Bøgh-Søndergaard fra Børnehuset Ærtebjerg"),
            HtmlBody = "<p>" + string.Concat(Enumerable.Repeat("En lang linje uden linjeskift, æøå og <b>fed</b> tekst. ", 40)) + "</p>",
        };

        await host.Sender.SendAsync(mail);

        var bytes = await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(Outbox)));
        Assert.All(bytes, value => Assert.True(value < 128, "The file is 7-bit ASCII."));
        var text = Encoding.ASCII.GetString(bytes);
        Assert.DoesNotMatch(BareLineFeedOrCarriageReturn(), text);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        // 998 is the hard limit; 78 holds for everything but a Message-ID and a link, which cannot be broken.
        Assert.All(text.Split("\r\n"), line => Assert.True(
            line.Length <= 78 || (line.Length <= 998 && (line.StartsWith("Message-ID: ", StringComparison.Ordinal) || line.StartsWith("List-Unsubscribe: ", StringComparison.Ordinal))),
            $"Line of {line.Length} characters: {line}"));
        var message = MimeTestReader.Read(text);
        Assert.Equal(mail.Subject, message.Header("Subject"));
        Assert.Equal(mail.To.Name, message.Address("To").DisplayName);
        Assert.Equal(mail.HtmlBody, message.Parts[1].Body);
    }

    [Fact]
    public async Task SendAsync_LineBreakInSubjectOrName_CannotAddAHeader()
    {
        using var host = CreateHost();
        var mail = MailSamples.MemberWelcome() with
        {
            Subject = "Velkommen\r\nBcc: everyone@example.com",
            To = new EmailAddress("soeren.aeroe@example.dk", "Søren\nCc: other@example.com"),
        };

        await host.Sender.SendAsync(mail);

        var message = MimeTestReader.Read(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Outbox))));
        Assert.Null(message.Header("Bcc"));
        Assert.Null(message.Header("Cc"));
        Assert.Equal("soeren.aeroe@example.dk", message.Address("To").Address);
    }

    [Fact]
    public async Task SendAsync_WithoutUnsubscribeLink_WritesNoListUnsubscribeHeaders()
    {
        using var host = CreateHost();

        await host.Sender.SendAsync(MailSamples.MemberWelcome() with { UnsubscribeUrl = null, ReplyTo = null });

        var message = MimeTestReader.Read(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Outbox))));
        Assert.Null(message.Header("List-Unsubscribe"));
        Assert.Null(message.Header("List-Unsubscribe-Post"));
        Assert.Null(message.Header("Reply-To"));
    }

    [Fact]
    public async Task SendAsync_SeveralMails_NamesSortByTimeAndHoldNoPersonalData()
    {
        using var host = CreateHost();
        var sent = new List<string>();
        foreach (var step in new[] { TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1) })
        {
            sent.Add((await host.Sender.SendAsync(MailSamples.NonMemberWelcome())).ProviderMessageId!);
            clock.Advance(step);
        }

        sent.Add((await host.Sender.SendAsync(MailSamples.MemberWelcome("followup1:l0123456789abcdef0123"))).ProviderMessageId!);

        var names = Directory.GetFiles(Outbox).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sent.Select(id => id[..id.IndexOf('@', StringComparison.Ordinal)] + ".eml"), names);
        Assert.Equal("20261203T061502123Z", names[0]![..19]);
        Assert.All(names, name =>
        {
            Assert.Matches(FileName(), name);
            Assert.DoesNotContain("oeberg", name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("l0123456789", name, StringComparison.Ordinal);
        });
        Assert.StartsWith("20261204T061503124Z-followup1-", names[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Written_LeavesNoTemporaryFile()
    {
        using var host = CreateHost();

        await host.Sender.SendAsync(MailSamples.MemberWelcome());
        await host.Sender.SendAsync(MailSamples.NonMemberWelcome());

        Assert.All(Directory.GetFiles(Outbox), file => Assert.EndsWith(OutboxMailSender.FileExtension, file, StringComparison.Ordinal));
        Assert.Equal(2, Directory.GetFiles(Outbox).Length);
    }

    [Fact]
    public async Task SendAsync_FolderCannotBeCreated_ThrowsNotSentAndLeavesNothing()
    {
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Outbox, "a file where the folder should be");
        using var host = CreateHost();

        await Assert.ThrowsAsync<MailNotSentException>(() => host.Sender.SendAsync(MailSamples.MemberWelcome()));

        Assert.Equal([Outbox], Directory.GetFileSystemEntries(root));
    }

    [Fact]
    public void AddOutreachMail_RelativeOutboxPath_IsResolvedAgainstTheAppRoot()
    {
        using var host = CreateHost();

        var sender = Assert.IsType<OutboxMailSender>(host.Sender);

        Assert.Equal(Outbox, sender.Folder);
    }

    private MailTestHost CreateHost() => MailTestHost.Create(clock, new Dictionary<string, string?>
    {
        ["FUNCTIONS_APP_ROOT_PATH"] = root,
        [MailOptions.Section + ":OutboxPath"] = "outbox",
    });

    [GeneratedRegex(@"^\d{8}T\d{9}Z-(welcome|followup1)-[0-9a-f]{12}\.eml$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"\r(?!\n)|(?<!\r)\n")]
    private static partial Regex BareLineFeedOrCarriageReturn();
}
