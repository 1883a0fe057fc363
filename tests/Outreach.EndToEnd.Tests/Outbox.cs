using MimeKit;

namespace Outreach.EndToEnd.Tests;

/// <summary>The letters the app wrote to a test's outbox folder (finished .eml files only).</summary>
internal static class Outbox
{
    public static int Count(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Length : 0;

    /// <summary>The letters by recipient address.</summary>
    public static IReadOnlyDictionary<string, List<MimeMessage>> ByRecipient(string folder) =>
        (Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            .Select(path => MimeMessage.Load(path))
            .GroupBy(letter => letter.To.Mailboxes.Single().Address, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.OrdinalIgnoreCase);
}
