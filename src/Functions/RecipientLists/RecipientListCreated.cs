using Outreach.Core.RecipientLists;

namespace Outreach.Functions.RecipientLists;

/// <summary>The answer to an upload: the stored list and every row that was not taken.</summary>
/// <param name="Id">The list's id (<c>l-…</c>), for a campaign's <c>audience.listId</c>.</param>
/// <param name="Name">Staff's name for the list.</param>
/// <param name="Rows">Recipients stored (a repeated address once).</param>
/// <param name="Problems">The rows not taken, by line (1 is the header), with the column at fault.</param>
public sealed record RecipientListCreated(string Id, string Name, int Rows, IReadOnlyList<RecipientListProblem> Problems)
{
    /// <summary>The answer for <paramref name="upload"/>.</summary>
    public static RecipientListCreated From(RecipientListUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return new(upload.List.Id, upload.List.Name, upload.List.Rows, upload.Problems);
    }
}
