using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Outreach.Core.CampaignRendering;
using Outreach.Core.CampaignSending;
using Outreach.Core.Campaigns;

namespace Outreach.Benchmarks;

/// <summary>
/// The in-memory work of planning a 100,000-recipient audience. The planner's own grouping (<c>CampaignPlanner.Split</c>)
/// is private and the planner is built only by the container over internal ports, so it cannot be called from here
/// without a change to src/; these benchmarks run the same steps with the same public pieces it uses, in its order:
/// check and hash every address (<see cref="EmailAddresses"/>), drop duplicates, drop exclusions, group by
/// <see cref="CampaignVariant"/>, sort by key, cut into batches of 1000 (<see cref="Plan"/>); and freezing one batch the
/// way the table store does (JSON of the recipients, Brotli at CompressionLevel.Optimal) (<see cref="FreezeOneBatch"/>).
/// The end-to-end harness (bench/Outreach.Bench) times the real planner.
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    private const int Audience = 100_000;
    private readonly Campaign campaign = CampaignSamples.Newsletter(sectioned: true);
    private (string Email, string Name, MembershipStatus Membership)[] entries = [];
    private HashSet<string> excluded = [];
    private List<CampaignRecipient> oneBatch = [];

    [GlobalSetup]
    public void Setup()
    {
        entries = [.. Enumerable.Range(0, Audience).Select(index => (
            string.Create(CultureInfo.InvariantCulture, $"modtager{index:D7}@bench.example.org"),
            string.Create(CultureInfo.InvariantCulture, $"Søren Modtager {index}"),
            (MembershipStatus)(index % 3)))];
        excluded = [.. entries.Where((_, index) => index % 100 == 0).Select(entry => EmailAddresses.Hash(entry.Email))];
        oneBatch = [.. Plan()[0].Recipients];
    }

    [Benchmark]
    public List<CampaignBatch> Plan()
    {
        var audience = new Dictionary<string, CampaignRecipient>(StringComparer.Ordinal);
        foreach (var (email, name, membership) in entries)
        {
            if (EmailAddresses.IsValid(email))
            {
                var key = EmailAddresses.Hash(email);
                audience.TryAdd(key, new CampaignRecipient { Key = key, Email = email, Name = name, Membership = membership, Municipality = "København" });
            }
        }

        var frozen = new List<CampaignBatch>();
        var variants = audience.Values.Where(recipient => !excluded.Contains(recipient.Key))
            .GroupBy(recipient => CampaignVariant.For(campaign.Content, recipient.Membership), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var variant in variants)
        {
            foreach (var chunk in variant.OrderBy(recipient => recipient.Key, StringComparer.Ordinal).Chunk(CampaignBatch.MaxRecipients))
            {
                frozen.Add(new CampaignBatch { CampaignId = campaign.Id, Number = frozen.Count, Variant = variant.Key, Recipients = chunk });
            }
        }

        return frozen;
    }

    [Benchmark]
    public long FreezeOneBatch()
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, oneBatch);
        }

        return buffer.Length;
    }
}
