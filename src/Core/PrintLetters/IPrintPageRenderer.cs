namespace Outreach.Core.PrintLetters;

/// <summary>Renders a print letter as one self-contained HTML page (the template <c>print-letter.html.sbn</c>).</summary>
public interface IPrintPageRenderer
{
    /// <summary>The page: address block and letter, every value escaped; the letter's HTML is inserted as it is.</summary>
    string Render(PrintLetter letter);
}
