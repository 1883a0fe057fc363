namespace Outreach.Core.RecipientLists;

/// <summary>An uploaded list of people who are not leaders (election candidates, officials); never changed after upload.</summary>
/// <param name="Id">Stable id (<c>l-…</c>).</param>
/// <param name="Name">Staff's name for the list.</param>
/// <param name="Rows">How many recipients it holds (after removing duplicate addresses).</param>
/// <param name="CreatedBy">Who uploaded it.</param>
/// <param name="CreatedAt">When (UTC).</param>
public sealed record RecipientList(string Id, string Name, int Rows, string CreatedBy, DateTimeOffset CreatedAt);
