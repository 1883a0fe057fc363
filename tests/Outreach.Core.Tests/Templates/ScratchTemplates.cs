using Outreach.Core.Districts;
using Outreach.Core.Templates;

namespace Outreach.Core.Tests.Templates;

/// <summary>A templates folder of a test's own in the temp folder, with a minimal shared layout and a letter <c>hello</c>.</summary>
internal sealed class ScratchTemplates : IDisposable
{
    public ScratchTemplates()
    {
        Write("shared/layout.html.sbn", "<html><head><title>{{ subject }}</title></head><body>{{ body }}<p>{{ chair.name }}</p></body></html>");
        Write("shared/layout.text.sbn", "{{ body }}\n-- \n{{ chair.name }}");
        Write("shared/hello.subject.sbn", "Hej {{ recipient.first_name }}");
        Write("shared/hello.html.sbn", "<p>Hej {{ recipient.name }}, {{ letter_date }}</p>");
        Write("shared/hello.text.sbn", "Hej {{ recipient.name }}, {{ letter_date }}");
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "outreach-templates-" + Guid.NewGuid().ToString("N"));

    public static DistrictOptions District(string code) => new()
    {
        Code = code,
        DisplayName = "Socialpædagogerne " + code,
        Chair = new ChairOptions { Name = "Lene", Title = "Formand" },
        Sender = new SenderOptions { Email = "ledere@example.org", Name = "Lene" },
        JoinUrl = "https://example.org/bliv-medlem",
    };

    public ScribanLetterRenderer Renderer() => LetterSamples.Renderer(Root);

    /// <summary>Writes a letter <paramref name="name"/> into <c>shared/</c>: the given HTML body, a plain subject and text.</summary>
    public void WriteLetter(string name, string html, string subject = "Emne", string text = "x")
    {
        Write($"shared/{name}.subject.sbn", subject);
        Write($"shared/{name}.html.sbn", html);
        Write($"shared/{name}.text.sbn", text);
    }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
