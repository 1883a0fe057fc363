using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Unsubscribe;

namespace Outreach.Benchmarks;

/// <summary>
/// Rendering a newsletter for 1,000 recipients (one batch): once per variant, carrying each recipient's values as
/// substitutions (what CampaignBatchSender does), against rendering and filling the letter per recipient (what a
/// per-recipient sender does). Both create each recipient's unsubscribe link. Times are per recipient
/// (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class CampaignRenderBenchmarks : IDisposable
{
    private const int Recipients = 1000;
    private readonly string outbox = Path.Combine(Path.GetTempPath(), "outreach-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private ServiceProvider services = null!;
    private ICampaignRenderer renderer = null!;
    private IUnsubscribeTokens tokens = null!;
    private DistrictOptions district = null!;
    private Campaign campaign = null!;
    private string variant = "";
    private (string Email, string Name)[] people = [];

    [GlobalSetup]
    public void Setup()
    {
        services = BenchmarkApp.BuildCore(outbox);
        renderer = services.GetRequiredService<ICampaignRenderer>();
        tokens = services.GetRequiredService<IUnsubscribeTokens>();
        district = services.GetRequiredService<IDistrictCatalog>().GetRequired("storkobenhavn");
        campaign = CampaignSamples.Newsletter(sectioned: false);
        variant = CampaignVariant.For(campaign.Content, MembershipStatus.Unknown);
        people = [.. Enumerable.Range(0, Recipients).Select(index => (
            string.Create(CultureInfo.InvariantCulture, $"modtager{index:D7}@bench.example.org"),
            string.Create(CultureInfo.InvariantCulture, $"Søren & Co Modtager {index}")))];
    }

    /// <summary>The batched path: one render, then per recipient only the link and the substitutions.</summary>
    [Benchmark(OperationsPerInvoke = Recipients)]
    public int RenderPerVariant()
    {
        var rendered = renderer.Render(district, campaign, variant);
        var size = rendered.Html.Length;
        foreach (var (email, name) in people)
        {
            var values = RecipientTags.Substitutions(name, tokens.CreateLink(district.Code, email, campaign.Category));
            size += values.Count;
        }

        return size;
    }

    /// <summary>The per-recipient path: render, link, and both parts filled for every recipient.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Recipients)]
    public int RenderPerRecipient()
    {
        var size = 0;
        foreach (var (email, name) in people)
        {
            var rendered = renderer.Render(district, campaign, variant);
            var values = RecipientTags.Substitutions(name, tokens.CreateLink(district.Code, email, campaign.Category));
            size += RecipientTags.Fill(rendered.Html, values).Length + RecipientTags.Fill(rendered.Text, values).Length;
        }

        return size;
    }

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
