using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Unsubscribe;

namespace Outreach.Benchmarks;

/// <summary>
/// Writing one campaign mail as MIME: composing the RFC 5322 message of one recipient (values filled in, both parts,
/// the RFC 8058 headers) with MimeKit into memory, and the real outbox <see cref="IBatchMailSender"/> with one
/// recipient (composition plus the atomic write to disk: temp file, flush, rename).
/// </summary>
[MemoryDiagnoser]
public class CampaignMailBenchmarks : IDisposable
{
    private readonly string outbox = Path.Combine(Path.GetTempPath(), "outreach-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private ServiceProvider services = null!;
    private IBatchMailSender batchSender = null!;
    private DistrictOptions district = null!;
    private RenderedVariant rendered = null!;
    private Uri link = null!;
    private IReadOnlyDictionary<string, string> values = null!;
    private int sequence;

    [GlobalSetup]
    public void Setup()
    {
        services = BenchmarkApp.BuildCore(outbox);
        batchSender = services.GetRequiredService<IBatchMailSender>();
        district = services.GetRequiredService<IDistrictCatalog>().GetRequired("storkobenhavn");
        var campaign = CampaignSamples.Newsletter(sectioned: false);
        rendered = services.GetRequiredService<ICampaignRenderer>().Render(district, campaign, CampaignVariant.For(campaign.Content, MembershipStatus.Unknown));
        link = services.GetRequiredService<IUnsubscribeTokens>().CreateLink(district.Code, "signe.holm@example.org", OptOutCategory.Newsletter);
        values = RecipientTags.Substitutions("Signe Løvgreen Holm", link);
    }

    [Benchmark]
    public long ComposeMimeInMemory()
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(district.Sender.Name, district.Sender.Email));
        message.To.Add(new MailboxAddress("Signe Løvgreen Holm", "signe.holm@example.org"));
        message.Subject = rendered.Subject;
        message.Headers.Add("List-Unsubscribe", "<" + link.AbsoluteUri + ">");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder
        {
            TextBody = RecipientTags.Fill(rendered.Text, values),
            HtmlBody = RecipientTags.Fill(rendered.Html, values),
        }.ToMessageBody();
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.Length;
    }

    [Benchmark]
    public Task<MailSendResult> OutboxBatchOfOne() => batchSender.SendBatchAsync(new BatchMail
    {
        BatchKey = string.Create(CultureInfo.InvariantCulture, $"campaign:bench:{Interlocked.Increment(ref sequence)}"),
        From = new EmailAddress(district.Sender.Email, district.Sender.Name),
        Subject = rendered.Subject,
        TextBody = rendered.Text,
        HtmlBody = rendered.Html,
        Categories = ["newsletter", district.Code],
        Recipients =
        [
            new BatchMailRecipient
            {
                To = new EmailAddress("signe.holm@example.org", "Signe Løvgreen Holm"),
                DeliveryKey = "campaign:bench:0:" + EmailAddresses.Hash("signe.holm@example.org"),
                UnsubscribeUrl = link,
                Substitutions = values,
            },
        ],
    });

    [GlobalCleanup]
    public void Dispose()
    {
        services?.Dispose();
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
