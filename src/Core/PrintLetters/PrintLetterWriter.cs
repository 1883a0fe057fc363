using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Outreach.Core.PrintLetters;

/// <summary>A letter for the post: what a district that requires consent before e-mailing non-members sends instead.</summary>
/// <param name="District">The district's code.</param>
/// <param name="LeaderId">The recipient's leader id.</param>
/// <param name="Kind">Which letter (e.g. <c>welcome</c>).</param>
/// <param name="RecipientName">Printed in the address block.</param>
/// <param name="Workplace">Printed in the address block.</param>
/// <param name="Municipality">Printed in the address block.</param>
/// <param name="Subject">The letter's heading.</param>
/// <param name="Html">The letter's body, as rendered for e-mail.</param>
public sealed record PrintLetter(string District, string LeaderId, string Kind, string RecipientName, string? Workplace, string? Municipality, string Subject, string Html);

/// <summary>Produces print-ready letters.</summary>
public interface IPrintLetterWriter
{
    /// <summary>Writes the letter and answers a reference to it (recorded on the delivery).</summary>
    Task<string> WriteAsync(PrintLetter letter, CancellationToken cancellationToken = default);
}

/// <summary>
/// Writes each print letter as one self-contained HTML page (A4 print styles) into <c>Outreach:Mail:PrintPath</c>
/// (default <c>outbox/print</c>, relative to the app root), named so that the files sort by time. Written to a
/// temporary name and moved, so that a reader never sees half a letter.
/// </summary>
public sealed class FilePrintLetterWriter : IPrintLetterWriter
{
    private readonly string folder;
    private readonly TimeProvider time;

    /// <summary>Creates a writer into <paramref name="folder"/>.</summary>
    public FilePrintLetterWriter(string folder, TimeProvider time)
    {
        this.folder = folder;
        this.time = time;
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(PrintLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        Directory.CreateDirectory(folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd'T'HHmmss.fff'Z'}-{letter.District}-{letter.Kind}-{letter.LeaderId}.html");
        var path = Path.Combine(folder, name);
        var temporary = path + ".tmp";
        var address = string.Join("<br>", new[] { letter.RecipientName, letter.Workplace, letter.Municipality }
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => Escape(line!)));
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>")
            .Append(Escape(letter.Subject))
            .Append("</title><style>@page { size: A4; margin: 25mm 20mm; } .address { margin: 0 0 20mm 0; }</style></head><body>\n")
            .Append("<div class=\"address\">").Append(address).Append("</div>\n")
            .Append(letter.Html)
            .Append("\n</body></html>\n");
        await File.WriteAllTextAsync(temporary, page.ToString(), new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return "print:" + name;
    }

    // Only the markup characters: WebUtility.HtmlEncode would also turn æ, ø and å into numeric entities.
    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}

/// <summary>Registers the print letter writer.</summary>
public static class PrintLettersServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IPrintLetterWriter"/> writing to <c>Outreach:Mail:PrintPath</c>.</summary>
    public static IServiceCollection AddOutreachPrintLetters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPrintLetterWriter>(sp =>
        {
            var configured = configuration["Outreach:Mail:PrintPath"];
            var folder = AppRoot.Resolve(configuration, string.IsNullOrWhiteSpace(configured) ? Path.Combine("outbox", "print") : configured);
            return new FilePrintLetterWriter(folder, sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
