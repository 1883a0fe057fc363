namespace Outreach.Core.RecipientLists;

/// <summary>Uploaded recipient lists and their rows.</summary>
internal interface IRecipientListRepository
{
    /// <summary>Stores a new list with its rows (rows in transactions of up to 100; the list row last, so a half-written list is never found).</summary>
    Task AddAsync(RecipientList list, IReadOnlyList<RecipientListEntry> entries, CancellationToken cancellationToken);

    /// <summary>One list, or null.</summary>
    Task<RecipientList?> GetAsync(string listId, CancellationToken cancellationToken);

    /// <summary>Every list, newest first.</summary>
    Task<IReadOnlyList<RecipientList>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The rows of one list, in key order.</summary>
    IAsyncEnumerable<RecipientListEntry> ReadEntriesAsync(string listId, CancellationToken cancellationToken);

    /// <summary>One row by its key, or null.</summary>
    Task<RecipientListEntry?> FindEntryAsync(string listId, string key, CancellationToken cancellationToken);

    /// <summary>Deletes a list and its rows; false when it was gone.</summary>
    Task<bool> DeleteAsync(string listId, CancellationToken cancellationToken);

    /// <summary>The ids of every list that holds a row under <paramref name="key"/> (export and erasure of one address).</summary>
    Task<IReadOnlyList<string>> ListIdsHoldingAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes one row (erasure) and lowers the list's <see cref="RecipientList.Rows"/> by one, so the list still
    /// counts what it holds; false when the row was gone (then the count is left alone).
    /// </summary>
    Task<bool> DeleteEntryAsync(string listId, string key, CancellationToken cancellationToken);
}
