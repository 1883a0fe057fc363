using System.Globalization;
using Outreach.Bench.Shared;
using Outreach.Core.Newsletters;

namespace Outreach.Bench.Runs;

/// <summary>The newsletter issue the bench sends: a realistic month's issue (intro and three sections), signed by the chair.</summary>
internal static class BenchNewsletter
{
    public const string District = "storkobenhavn";
    public const string Author = "bench.author";
    public const string Approver = "bench.approver";

    /// <summary>A month that has no issue yet in this Azurite: next month plus <paramref name="offset"/>.</summary>
    public static string Month(int offset) =>
        DateTime.UtcNow.AddMonths(1 + offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static NewsletterDraft Draft(string month, IReadOnlyList<string> listIds) => new()
    {
        District = District,
        Month = month,
        Title = "Nyt fra Lederforeningen, " + month,
        Intro = SampleNewsletter.Intro,
        SignedByChair = true,
        ListIds = listIds,
        Sections = SampleNewsletter.Sections(),
    };
}
