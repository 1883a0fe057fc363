using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Outreach.Core.Email;
using Outreach.Core.Email.Outbox;

namespace Outreach.Core.Tests.Email;

/// <summary>The outbox sender: one RFC 5322 file per mail that MimeKit reads back as written, written atomically, named by time.</summary>
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
    public async Task SendAsync_Letter_WritesOneEmlThatAMailClientShowsAsWritten()
    {
        using var host = CreateHost();
        var mail = MailSamples.MemberWelcome() with
        {
            TextBody = MailSamples.MemberWelcome().TextBody + "Linje med mellemrum til sidst   \nFrom the chair\n= lighedstegn og en meget lang linje: " + string.Concat(Enumerable.Repeat("Særlige tegn æøå ÆØÅ ", 10)),
        };

        var result = await host.Sender.SendAsync(mail);

        var file = Assert.Single(Directory.GetFiles(Outbox));
        using var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 15, 2, TimeSpan.Zero), message.Date);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal("Socialpædagogerne Storkøbenhavn", from.Name);
        Assert.Equal("leder@storkobenhavn.example.dk", from.Address);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal("Søren Ærø Åberg", to.Name);
        Assert.Equal("soeren.aeroe@example.dk", to.Address);
        Assert.Equal("ledersekretariatet@storkobenhavn.example.dk", Assert.IsType<MailboxAddress>(Assert.Single(message.ReplyTo)).Address);
        Assert.Equal(mail.Subject, message.Subject);
        Assert.Equal(result.ProviderMessageId, message.MessageId);
        Assert.Equal(Path.GetFileNameWithoutExtension(file) + "@storkobenhavn.example.dk", result.ProviderMessageId);
        Assert.Equal("1.0", message.Headers[HeaderId.MimeVersion]);
        Assert.Equal("<" + mail.UnsubscribeUrl!.AbsoluteUri + ">", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(mail.DeliveryKey, message.Headers[OutboxMailSender.DeliveryKeyHeader]);
        Assert.Equal("outreach, welcome, storkobenhavn", message.Headers[OutboxMailSender.CategoriesHeader]);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(2, alternative.Count);
        var text = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(text.IsPlain);
        Assert.True(html.IsHtml);
        Assert.All([text, html], part => Assert.Equal("utf-8", part.ContentType.Charset, ignoreCase: true));
        Assert.Equal(mail.TextBody.ReplaceLineEndings("\n"), text.Text.ReplaceLineEndings("\n"));
        Assert.Equal(mail.HtmlBody, html.Text.ReplaceLineEndings("\n"));
        Assert.Contains(MailSamples.DanishLetters, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(MailSamples.DanishLetters, message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_DanishSubjectAndNames_AreEncodedWordsInASevenBitFile()
    {
        using var host = CreateHost();
        var mail = MailSamples.NonMemberWelcome();

        await host.Sender.SendAsync(mail);

        var bytes = await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(Outbox)));
        Assert.All(bytes, value => Assert.True(value < 128, "The file is 7-bit ASCII."));
        var raw = Encoding.ASCII.GetString(bytes);
        var headers = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        Assert.Matches(EncodedWordHeader("Subject"), headers);
        Assert.Matches(EncodedWordHeader("From"), headers);
        Assert.Matches(EncodedWordHeader("To"), headers);
        Assert.DoesNotContain("Øberg", raw, StringComparison.Ordinal);
        Assert.Contains("Content-Transfer-Encoding: quoted-printable", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_LongSubjectNameAndLines_UsesCrlfAndLinesWithinTheLimits()
    {
        using var host = CreateHost();
        var mail = MailSamples.NonMemberWelcome() with
        {
            Subject = string.Concat(Enumerable.Repeat("Velkommen til fællesskabet for ledere i Storkøbenhavn – ", 4)).TrimEnd(),
            To = new EmailAddress("aase.oeberg@example.dk", "Åse Marie Østergaard-Ærenlund Bøgh-Søndergaard fra Børnehuset Ærtebjerg"),
            HtmlBody = "<p>" + string.Concat(Enumerable.Repeat("En lang linje uden linjeskift, æøå og <b>fed</b> tekst. ", 40)) + "</p>",
        };

        await host.Sender.SendAsync(mail);

        var file = Assert.Single(Directory.GetFiles(Outbox));
        var text = Encoding.ASCII.GetString(await File.ReadAllBytesAsync(file));
        Assert.DoesNotMatch(BareLineFeedOrCarriageReturn(), text);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        // 998 is RFC 5322's hard limit for every line; MimeKit folds headers near 78 (an encoded word or a link cannot
        // be broken), and the quoted-printable body lines stay within 78.
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.All(text[..split].Split("\r\n"), line => Assert.True(line.Length <= 998, $"Header line of {line.Length} characters: {line}"));
        Assert.All(text[(split + 4)..].Split("\r\n"), line => Assert.True(line.Length <= 78, $"Body line of {line.Length} characters: {line}"));
        Assert.Contains(text[..split].Split("\r\n"), line => line.StartsWith(' ') || line.StartsWith('\t'));
        using var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(mail.Subject, message.Subject);
        Assert.Equal(mail.To.Name, Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Name);
        Assert.Equal(mail.HtmlBody, message.HtmlBody!.ReplaceLineEndings("\n"));
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

        using var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(Outbox)));
        Assert.Empty(message.Bcc);
        Assert.Empty(message.Cc);
        Assert.Equal("soeren.aeroe@example.dk", Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Address);
        Assert.StartsWith("Velkommen", message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RecipientAddressThatIsNoAddress_ThrowsRejectedAndWritesNothing()
    {
        using var host = CreateHost();
        var mail = MailSamples.MemberWelcome() with { To = new EmailAddress("ikke en adresse", "Søren") };

        var exception = await Assert.ThrowsAsync<MailRejectedException>(() => host.Sender.SendAsync(mail));

        Assert.Equal(400, exception.Status);
        Assert.StartsWith("to: ", Assert.Single(exception.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain("ikke en adresse", exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Outbox) && Directory.EnumerateFileSystemEntries(Outbox).Any());
    }

    [Fact]
    public async Task SendAsync_WithoutUnsubscribeLink_WritesNoListUnsubscribeHeaders()
    {
        using var host = CreateHost();

        await host.Sender.SendAsync(MailSamples.MemberWelcome() with { UnsubscribeUrl = null, ReplyTo = null });

        using var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(Outbox)));
        Assert.False(message.Headers.Contains("List-Unsubscribe"));
        Assert.False(message.Headers.Contains("List-Unsubscribe-Post"));
        Assert.Empty(message.ReplyTo);
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

    // The unfolded header line holds an RFC 2047 encoded word of UTF-8 (base64 or quoted-printable).
    private static Regex EncodedWordHeader(string name) => new("^" + name + @": [^\r]*=\?utf-8\?[bq]\?[^?]+\?=", RegexOptions.Multiline | RegexOptions.IgnoreCase);

    [GeneratedRegex(@"\r(?!\n)|(?<!\r)\n")]
    private static partial Regex BareLineFeedOrCarriageReturn();
}
