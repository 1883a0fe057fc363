namespace Outreach.Core.PrintLetters;

/// <summary>Produces print-ready letters.</summary>
public interface IPrintLetterWriter
{
    /// <summary>Writes the letter and answers a reference to it (recorded on the delivery).</summary>
    Task<string> WriteAsync(PrintLetter letter, CancellationToken cancellationToken = default);
}
