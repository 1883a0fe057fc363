using System.Globalization;
using System.Text;

namespace Outreach.Core.PrintLetters;

/// <summary>
/// Writes each print letter as one self-contained HTML page (rendered by <see cref="IPrintPageRenderer"/>) into
/// <c>Outreach:Mail:PrintPath</c> (default <c>outbox/print</c>, relative to the app root), named so that the files sort
/// by time. Written to a temporary name and moved, so that a reader never sees half a letter.
/// </summary>
public sealed class FilePrintLetterWriter : IPrintLetterWriter
{
    private readonly string folder;
    private readonly TimeProvider time;
    private readonly IPrintPageRenderer pages;

    /// <summary>Creates a writer into <paramref name="folder"/> of pages rendered by <paramref name="pages"/>.</summary>
    public FilePrintLetterWriter(string folder, TimeProvider time, IPrintPageRenderer pages)
    {
        this.folder = folder;
        this.time = time;
        this.pages = pages;
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(PrintLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var page = pages.Render(letter);
        Directory.CreateDirectory(folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd'T'HHmmss.fff'Z'}-{letter.District}-{letter.Kind}-{letter.LeaderId}.html");
        var path = Path.Combine(folder, name);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, page, new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return "print:" + name;
    }
}
