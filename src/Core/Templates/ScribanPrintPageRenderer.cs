using Outreach.Core.Districts;
using Outreach.Core.PrintLetters;

namespace Outreach.Core.Templates;

/// <summary>Renders print pages from the district's <c>print-letter.html.sbn</c> (its own folder, else <c>shared/</c>).</summary>
internal sealed class ScribanPrintPageRenderer(ScribanLetterRenderer renderer, IDistrictCatalog districts) : IPrintPageRenderer
{
    public string Render(PrintLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var folder = districts.Find(letter.District) is { } district ? ScribanLetterRenderer.FolderOf(district) : letter.District;
        return renderer.RenderPrintPage(folder, letter);
    }
}
