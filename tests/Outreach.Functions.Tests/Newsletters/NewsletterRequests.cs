namespace Outreach.Functions.Tests.Newsletters;

/// <summary>Request bodies for the newsletter functions.</summary>
internal static class NewsletterRequests
{
    /// <summary>A month no other test uses (far in the future, so never the schedule's next issue by accident).</summary>
    public static string UniqueMonth() => FormattableString.Invariant($"{Random.Shared.Next(2200, 9000)}-{Random.Shared.Next(1, 13):00}");

    /// <summary>An issue of Storkøbenhavn signed by the chair, with a section for non-members only.</summary>
    public static string Issue(string month, string title = "Nyhedsbrev fra Lederforeningen") =>
        $$"""{"district":"storkobenhavn","month":"{{month}}","title":"{{title}}","intro":"Godt nytår!","signedByChair":true,"sections":[{"heading":"Årsmøde","markdown":"Sæt **kryds** i kalenderen."},{"heading":"Bliv medlem","markdown":"Vi vil gerne have dig med.","audience":"nonmembers"}]}""";
}
