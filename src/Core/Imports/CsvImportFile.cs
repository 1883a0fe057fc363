using Outreach.Core.Discovery;

namespace Outreach.Core.Imports;

/// <summary>What <see cref="CsvFileReader"/> read: the well-formed records and everything that could not be read.</summary>
/// <param name="Rows">Well-formed data records in file order; empty when the file was refused as a whole.</param>
/// <param name="Problems">Problems of the file, the header or single records, in the order found.</param>
internal sealed record CsvImportFile(IReadOnlyList<CsvImportRow> Rows, List<SourceProblem> Problems);
