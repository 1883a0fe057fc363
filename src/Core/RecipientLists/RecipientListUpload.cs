namespace Outreach.Core.RecipientLists;

/// <summary>The answer to an upload: the list as stored (its good rows) and every row that was not taken.</summary>
/// <param name="List">The stored list.</param>
/// <param name="Problems">The bad rows by line, in file order.</param>
public sealed record RecipientListUpload(RecipientList List, IReadOnlyList<RecipientListProblem> Problems);
