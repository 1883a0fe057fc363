using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Bench.FakeSendGrid;
using Outreach.Bench.Hosting;
using Outreach.Bench.Measuring;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Unsubscribe;

namespace Outreach.Bench.Runs;

/// <summary>
/// The usual do-it-yourself pattern (the SendGrid output binding: one request per mail), on the same machine, fake and
/// Azurite, with the same concurrency as the batch consumers: for each recipient render the letter (the real
/// <see cref="ICampaignRenderer"/>, values filled in), send it with the real single-mail <see cref="IMailSender"/>
/// (SendGrid, same resilience pipeline) and write one delivery row. It is given its audience in memory and has no queue
/// per mail, which flatters it.
/// </summary>
internal static class BaselineRun
{
    public const string Table = "benchbaselinedeliveries";

    public static async Task<BaselineResult> RunAsync(IServiceProvider services, FakeSendGridProcess fake, StorageRequestCounter counter, Campaign campaign, string prefix, int recipients, int concurrency, CancellationToken cancellationToken)
    {
        StorageRequestCounter.Phase = "harness";
        var renderer = services.GetRequiredService<ICampaignRenderer>();
        var district = services.GetRequiredService<IDistrictCatalog>().GetRequired(campaign.District);
        var tokens = services.GetRequiredService<IUnsubscribeTokens>();
        var mail = services.GetRequiredService<IMailSender>();
        var table = services.Tables().GetTableClient(Table);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var variant = CampaignVariant.For(campaign.Content, MembershipStatus.Unknown);
        var from = new EmailAddress(district.Sender.Email, district.Sender.Name);
        EmailAddress? replyTo = string.IsNullOrWhiteSpace(district.ReplyTo) ? null : new EmailAddress(district.ReplyTo);
        string[] categories = ["newsletter", district.Code];

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var fakeBefore = await fake.CountsAsync(cancellationToken);
        var storageBefore = counter.Of("baseline");
        var sampler = MemorySampler.Start();
        var clock = Stopwatch.StartNew();
        long done = 0;
        long failures = 0;
        var progress = new ProgressLine();
        using var stop = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(250, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                if (progress.Due)
                {
                    var count = Interlocked.Read(ref done);
                    progress.Write(string.Create(CultureInfo.InvariantCulture,
                        $"  baseline {count}/{recipients}  {count / Math.Max(0.001, clock.Elapsed.TotalSeconds):0} mails/s  {clock.Elapsed.TotalSeconds:0.0} s  ws {MemorySampler.CurrentWorkingSetMb():0} MB"));
                }
            }
        }, CancellationToken.None);

        await Parallel.ForEachAsync(
            Enumerable.Range(0, recipients),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                StorageRequestCounter.Phase = "baseline";
                var email = SyntheticRecipients.Email(prefix, index);
                var name = SyntheticRecipients.Name(index);
                var key = EmailAddresses.Hash(email);
                try
                {
                    var rendered = renderer.Render(district, campaign, variant);
                    var link = tokens.CreateLink(district.Code, email, campaign.Category);
                    var values = RecipientTags.Substitutions(name, link);
                    var result = await mail.SendAsync(
                        new OutgoingMail
                        {
                            From = from,
                            ReplyTo = replyTo,
                            To = new EmailAddress(email, name),
                            Subject = rendered.Subject,
                            HtmlBody = RecipientTags.Fill(rendered.Html, values),
                            TextBody = RecipientTags.Fill(rendered.Text, values),
                            DeliveryKey = "baseline:" + campaign.Id + ":" + key,
                            Categories = categories,
                            UnsubscribeUrl = link,
                        },
                        token);
                    // Partitions of 1,000 rows, as the batched path's: Azurite scans a partition on every insert, so one
                    // partition for the whole run would make the baseline slow in a way Azure Table Storage is not.
                    await table.AddEntityAsync(
                        new TableEntity(string.Create(CultureInfo.InvariantCulture, $"{campaign.Id}-{index / 1000:D5}"), key)
                        {
                            ["Status"] = "Sent",
                            ["ProviderMessageId"] = result.ProviderMessageId,
                            ["At"] = DateTimeOffset.UtcNow,
                        },
                        token);
                }
                catch (MailSendException)
                {
                    Interlocked.Increment(ref failures);
                }

                Interlocked.Increment(ref done);
            });

        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await reporter;
        progress.End();
        await sampler.DisposeAsync();
        StorageRequestCounter.Phase = "harness";
        var fakeAfter = await fake.CountsAsync(cancellationToken);
        return new BaselineResult(recipients, seconds, failures, BatchedSendRun.Minus(fakeAfter, fakeBefore), counter.Of("baseline").Minus(storageBefore), sampler.PeakWorkingSetMb);
    }
}
