namespace Outreach.Core.Imports;

/// <summary>Something wrong with a CSV file or one of its records.</summary>
/// <param name="Line">
/// 1-based physical line number where the record (or the fault) starts, the header being line 1; null when the fault
/// concerns the whole file (for example too large).
/// </param>
/// <param name="Reason">What is wrong, in plain English, suitable to show to the person who supplied the file.</param>
public sealed record CsvProblem(int? Line, string Reason);
