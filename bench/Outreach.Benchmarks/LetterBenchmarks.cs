using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.PrintLetters;

namespace Outreach.Benchmarks;

/// <summary>
/// The per-letter work of a welcome: render with Scriban (files parsed once, then a fresh escaping context per part),
/// lay out a print letter, and write the .eml. A campaign of thousands of letters multiplies these, so their time and
/// allocations are what to watch.
/// </summary>
[MemoryDiagnoser]
public class LetterBenchmarks : IDisposable
{
    private readonly string outbox = Path.Combine(Path.GetTempPath(), "outreach-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private ServiceProvider services = null!;
    private ILetterRenderer renderer = null!;
    private IPrintPageRenderer printPages = null!;
    private IMailSender outboxSender = null!;
    private DistrictOptions district = null!;
    private LetterModel model = null!;
    private RenderedLetter letter = null!;

    [Params("welcome-member", "welcome-nonmember", "followup")]
    public string Template { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        services = BenchmarkApp.Build(outbox);
        renderer = services.GetRequiredService<ILetterRenderer>();
        printPages = services.GetRequiredService<IPrintPageRenderer>();
        outboxSender = services.GetRequiredService<IMailSender>();
        district = services.GetRequiredService<IDistrictCatalog>().GetRequired("storkobenhavn");
        model = new LetterModel
        {
            RecipientName = "Signe Løvgreen Holm",
            RecipientEmail = "signe.holm@example.org",
            JobTitle = "Pædagogisk leder",
            Workplace = "Aktivitetshuset Strandmøllen",
            Municipality = "København",
            HireDate = new DateOnly(2026, 11, 18),
            LetterDate = new DateOnly(2026, 12, 3),
            UnsubscribeUrl = new Uri("https://outreach.example.org/api/public/unsubscribe?token=AQFDmMPBW1tZnzAggVVyXcT0JfOByv1PnIFNx"),
            FollowUpNumber = 1,
        };
        letter = renderer.Render(district, Template, model);
    }

    [Benchmark]
    public RenderedLetter Render() => renderer.Render(district, Template, model);

    [Benchmark]
    public string RenderPrintPage() => printPages.Render(
        new PrintLetter(district.Code, "l0123456789abcdef0123", "welcome", model.RecipientName, model.Workplace, model.Municipality, letter.Subject, letter.Html));

    [Benchmark]
    public Task<MailSendResult> WriteToOutbox() => outboxSender.SendAsync(new OutgoingMail
    {
        From = new EmailAddress(district.Sender.Email, district.Sender.Name),
        To = new EmailAddress(model.RecipientEmail, model.RecipientName),
        Subject = letter.Subject,
        TextBody = letter.Text,
        HtmlBody = letter.Html,
        DeliveryKey = "welcome:l0123456789abcdef0123",
        Categories = ["outreach", "welcome"],
        UnsubscribeUrl = model.UnsubscribeUrl,
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
