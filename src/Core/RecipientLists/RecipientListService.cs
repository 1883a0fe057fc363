namespace Outreach.Core.RecipientLists;

/// <summary>
/// Uploads of recipient lists (CSV <c>email,name,municipality,role</c>, <c>,</c> or <c>;</c>, UTF-8 or Windows-1252):
/// the good rows are stored, every bad row is reported by line, a repeated address is kept once.
/// </summary>
public sealed class RecipientListService
{
    /// <summary>Reads <paramref name="csv"/> and stores its good rows as a new list named <paramref name="name"/>.</summary>
    /// <exception cref="Leaders.InvalidFieldException">The name or the file as a whole is unusable (no header, too large, no good row); nothing was stored.</exception>
    public Task<RecipientListUpload> UploadAsync(string name, Stream csv, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>One list, or null.</summary>
    public Task<RecipientList?> GetAsync(string listId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Every list, newest first.</summary>
    public Task<IReadOnlyList<RecipientList>> ListAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Deletes a list; false when it was gone.</summary>
    public Task<bool> DeleteAsync(string listId, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
