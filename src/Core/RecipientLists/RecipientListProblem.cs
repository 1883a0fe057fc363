namespace Outreach.Core.RecipientLists;

/// <summary>A row of an uploaded list that was not taken, and why.</summary>
/// <param name="Line">The physical line of the file (1 is the header).</param>
/// <param name="Field">The column at fault (<c>email</c>, <c>name</c>, <c>municipality</c>, <c>role</c>), <c>row</c> for a record that cannot be read, or <c>file</c> for the file or its header.</param>
/// <param name="Message">What is wrong, for staff.</param>
public sealed record RecipientListProblem(int Line, string Field, string Message);
