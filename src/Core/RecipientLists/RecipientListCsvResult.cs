namespace Outreach.Core.RecipientLists;

/// <summary>What <see cref="RecipientListCsvParser"/> read.</summary>
/// <param name="Entries">The good rows, one per address, in file order.</param>
/// <param name="Problems">Every problem (file, header, row or field), by line.</param>
internal sealed record RecipientListCsvResult(IReadOnlyList<RecipientListEntry> Entries, IReadOnlyList<RecipientListProblem> Problems);
