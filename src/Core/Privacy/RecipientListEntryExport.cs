using Outreach.Core.RecipientLists;

namespace Outreach.Core.Privacy;

/// <summary>The person's row on one uploaded recipient list, as stored.</summary>
/// <param name="ListId">The list.</param>
/// <param name="ListName">Staff's name for the list, or null when the list's own row is gone (an interrupted upload or delete).</param>
/// <param name="Email">The address as given in the upload.</param>
/// <param name="Name">The name as given.</param>
/// <param name="Municipality">The municipality, or null.</param>
/// <param name="Role">The role, or null.</param>
public sealed record RecipientListEntryExport(string ListId, string? ListName, string Email, string Name, string? Municipality, string? Role)
{
    internal static RecipientListEntryExport From(string listId, RecipientList? list, RecipientListEntry entry) =>
        new(listId, list?.Name, entry.Email, entry.Name, entry.Municipality, entry.Role);
}
