using System.Security.Cryptography;
using Outreach.Core.Campaigns;
using Outreach.Core.Leaders;

namespace Outreach.Core.RecipientLists;

/// <summary>
/// Uploads of recipient lists (CSV <c>email,name,municipality,role</c>, <c>,</c> or <c>;</c>, UTF-8 or Windows-1252):
/// the good rows are stored, every bad row is reported by line, a repeated address is kept once.
/// </summary>
public sealed class RecipientListService
{
    private readonly IRecipientListRepository lists;
    private readonly ICampaignRepository campaigns;
    private readonly RecipientListCsvParser parser;
    private readonly TimeProvider time;

    internal RecipientListService(IRecipientListRepository lists, ICampaignRepository campaigns, RecipientListCsvParser parser, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(time);
        this.lists = lists;
        this.campaigns = campaigns;
        this.parser = parser;
        this.time = time;
    }

    /// <summary>Reads <paramref name="csv"/> and stores its good rows as a new list named <paramref name="name"/>.</summary>
    /// <exception cref="InvalidFieldException">The name or the file as a whole is unusable (no header, too large, no good row); nothing was stored.</exception>
    public async Task<RecipientListUpload> UploadAsync(string name, Stream csv, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var trimmedName = CheckName(name);
        InvalidFieldException.ThrowIfEmptyOrLongerThan(actor, LeaderEvent.MaxActorLength, "actor");

        // The parser reads at most Outreach:Imports:MaxBytes and MaxRows (CsvImportOptions) and refuses a larger file whole.
        var parsed = await parser.ParseAsync(csv, cancellationToken).ConfigureAwait(false);
        if (parsed.Entries.Count == 0)
        {
            var why = parsed.Problems.Count == 0
                ? $"The file has no rows; expected the header '{RecipientListCsvParser.ExpectedHeader}' and one row per person."
                : "The file has no usable row: " + string.Join(" ", parsed.Problems.Take(3).Select(Describe)) + (parsed.Problems.Count > 3 ? " …" : "");
            throw new InvalidFieldException("file", why);
        }

        var list = new RecipientList(NewId(), trimmedName, parsed.Entries.Count, actor.Trim(), time.GetUtcNow());
        await lists.AddAsync(list, parsed.Entries, cancellationToken).ConfigureAwait(false);
        return new RecipientListUpload(list, parsed.Problems);
    }

    /// <summary>One list, or null.</summary>
    public Task<RecipientList?> GetAsync(string listId, CancellationToken cancellationToken = default) =>
        IsListId(listId) ? lists.GetAsync(listId, cancellationToken) : Task.FromResult<RecipientList?>(null);

    /// <summary>Every list, newest first.</summary>
    public Task<IReadOnlyList<RecipientList>> ListAsync(CancellationToken cancellationToken = default) =>
        lists.ListAsync(cancellationToken);

    /// <summary>Deletes a list; false when it was gone.</summary>
    /// <exception cref="CampaignRuleException">
    /// Rule <c>list-in-use</c>: a campaign that has not been planned yet names the list, and would otherwise go to the rest
    /// of its audience without a word; nothing was deleted. Once a campaign is planned its audience is frozen, so a list
    /// used only by campaigns that are sending, sent or cancelled can go.
    /// </exception>
    public async Task<bool> DeleteAsync(string listId, string actor, CancellationToken cancellationToken = default)
    {
        InvalidFieldException.ThrowIfEmptyOrLongerThan(actor, LeaderEvent.MaxActorLength, "actor");
        if (!IsListId(listId))
        {
            return false;
        }

        var users = (await campaigns.ListAsync(null, null, cancellationToken).ConfigureAwait(false))
            .Where(campaign => (campaign.Status is CampaignStatus.Draft or CampaignStatus.Approved or CampaignStatus.Scheduled or CampaignStatus.Planning) &&
                               campaign.Audience.ListIds.Contains(listId, StringComparer.Ordinal))
            .Select(campaign => campaign.Id)
            .ToList();
        if (users.Count > 0)
        {
            throw new CampaignRuleException(
                "list-in-use",
                $"The list is the audience of {string.Join(", ", users)}, not sent yet; take it out of their audience or cancel them first.");
        }

        return await lists.DeleteAsync(listId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="listId"/> has the shape of a list id (<c>l-</c> and lower-case hex), so that no other text reaches a table key.</summary>
    internal static bool IsListId(string? listId) =>
        listId is { Length: > 2 and <= 64 } && listId.StartsWith("l-", StringComparison.Ordinal) && listId.Skip(2).All(char.IsAsciiHexDigitLower);

    private static string CheckName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InvalidFieldException("name", "name is required.");
        }

        if (trimmed.Length > Campaign.MaxTitleLength)
        {
            throw new InvalidFieldException("name", $"name is {trimmed.Length} characters long; at most {Campaign.MaxTitleLength} are allowed.");
        }

        if (trimmed.Any(char.IsControl))
        {
            throw new InvalidFieldException("name", "name must be one line of text.");
        }

        return trimmed;
    }

    private static string Describe(RecipientListProblem problem) =>
        problem.Line > 0 ? FormattableString.Invariant($"Line {problem.Line}: {problem.Message}") : problem.Message;

    // 16 random hex digits: unguessable enough that ids never collide, short enough for URLs.
    private static string NewId() => "l-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
