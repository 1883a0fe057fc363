namespace Outreach.Core.RecipientLists;

/// <summary>One person on an uploaded list.</summary>
/// <param name="Key">The hash of the normalised address (<see cref="Email.EmailAddresses.Hash"/>); unique within the list.</param>
/// <param name="Email">The address as given.</param>
/// <param name="Name">The person's name.</param>
/// <param name="Municipality">Municipality, or null.</param>
/// <param name="Role">Role (e.g. "Kandidat", "Borgmester"), or null.</param>
/// <param name="Line">The line of the CSV file it came from.</param>
public sealed record RecipientListEntry(string Key, string Email, string Name, string? Municipality, string? Role, int Line);
