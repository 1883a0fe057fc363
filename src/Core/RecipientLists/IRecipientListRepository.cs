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
}
