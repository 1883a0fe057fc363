using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.PrintLetters;
using Outreach.Core.Templates;

namespace Outreach.Core.Tests.Templates;

/// <summary>
/// Every shipped template, rendered with the same hostile value in every field a template can print (recipient and
/// district alike): the HTML must keep its structure and give the value back intact as text, the text part must carry
/// it unescaped, and the subject must stay one line.
/// </summary>
public sealed class HostileValueTests
{
    private const string Benign = "Qwzx";

    private static readonly Dictionary<string, string> Values = new()
    {
        ["script"] = "<script>alert(1)</script>",
        ["double-quote"] = "\"><img src=x onerror=alert(1)>",
        ["single-quote"] = "'><b onmouseover='alert(1)'>x</b>",
        ["ampersand"] = "Ærø & Co &amp; &lt;b&gt;",
        ["braces"] = "{{ recipient.email }}{{ include 'layout.html.sbn' }}",
        ["crlf"] = "Signe\r\nBcc: mallory@example.org\r\n\r\n<p>",
        ["10kB"] = string.Concat(Enumerable.Repeat("<script>&\"'{{x}}\r\n", 640)),
    };

    private static readonly ScribanLetterRenderer Renderer = LetterSamples.Renderer();

    public static TheoryData<string, string, int, string> Letters()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var district in new[] { "storkobenhavn", "nordjylland" })
        {
            foreach (var value in Values.Keys)
            {
                data.Add(district, WelcomeService.MemberTemplate, 0, value);
                data.Add(district, WelcomeService.NonMemberTemplate, 0, value);
                data.Add(district, FollowUpService.Template, 1, value);
                data.Add(district, FollowUpService.Template, 2, value);
            }
        }

        return data;
    }

    public static TheoryData<string> ValueNames() => [.. Values.Keys];

    [Theory]
    [MemberData(nameof(Letters))]
    public void Render_HostileValueInEveryField_HtmlKeepsItsShapeAndEveryPartGivesTheValueBack(string code, string template, int followUp, string valueName)
    {
        var hostile = Values[valueName];
        var expected = hostile.ReplaceLineEndings("\n");

        var benign = Render(code, template, followUp, Benign);
        var letter = Render(code, template, followUp, hostile);

        var document = new HtmlParser().ParseDocument(letter.Html);
        var benignDocument = new HtmlParser().ParseDocument(benign.Html);
        Assert.Equal(Shape(benignDocument), Shape(document));
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.DoesNotContain(document.All, element => element.Attributes.Any(attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Contains(expected, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Kære " + FirstName(expected), document.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("a[href]"), link => link.GetAttribute("href") == "mailto:" + expected);
        Assert.Equal(expected, document.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal(expected, document.QuerySelector("img")!.GetAttribute("alt"));
        if (template != WelcomeService.MemberTemplate)
        {
            Assert.Contains(document.QuerySelectorAll("a[href]"), link => link.GetAttribute("href") == expected && link.TextContent == "Bliv medlem");
        }

        Assert.Contains(expected, letter.Text, StringComparison.Ordinal);
        Assert.Contains("Kære " + FirstName(expected), letter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', letter.Subject);
        Assert.DoesNotContain('\n', letter.Subject);
        Assert.Contains(OneLine(FirstName(hostile)), letter.Subject, StringComparison.Ordinal);
        Assert.Equal(letter.Subject, document.Title);
    }

    [Theory]
    [MemberData(nameof(ValueNames))]
    public void RenderPrintPage_HostileValueInEveryField_AddressAndTitleComeBackAsText(string valueName)
    {
        var hostile = Values[valueName];
        var expected = hostile.ReplaceLineEndings("\n");
        var pages = LetterSamples.PrintPages();
        var letter = new PrintLetter("nordjylland", "l0", "welcome", hostile, hostile, hostile, hostile, "<p class=\"letter\">Kære Signe</p>");

        var document = new HtmlParser().ParseDocument(pages.Render(letter));

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Equal(OneLine(hostile), document.Title);
        var address = document.QuerySelector("div.address")!;
        Assert.Equal(3, address.QuerySelectorAll("br").Length);
        Assert.Equal(string.Concat(Enumerable.Repeat(expected, 3)), address.TextContent);
        Assert.Equal("Kære Signe", Assert.Single(document.QuerySelectorAll("p.letter")).TextContent);
    }

    private static RenderedLetter Render(string code, string template, int followUp, string value)
    {
        var shipped = LetterSamples.District(code);
        var district = new DistrictOptions
        {
            Code = shipped.Code,
            TemplateFolder = shipped.TemplateFolder,
            DisplayName = value,
            LeaderSectionName = value,
            JoinUrl = value,
            Chair = new ChairOptions { Name = value, Title = value, Closing = value, SignatureImageUrl = value },
            
            // The address is split into lines at its line breaks by design; every other value keeps them.
            Secretariat = new SecretariatOptions { Name = value, Email = value, Phone = value, Address = value.ReplaceLineEndings(" ") },
        };
        district.Municipalities.Add(value);
        var model = new LetterModel
        {
            RecipientName = value,
            RecipientEmail = value,
            JobTitle = value,
            Workplace = value,
            Municipality = value,
            HireDate = new DateOnly(2027, 2, 1),
            LetterDate = new DateOnly(2027, 2, 1),
            UnsubscribeUrl = new Uri("https://example.org/afmeld?token=" + Uri.EscapeDataString(value)),
            FollowUpNumber = followUp,
        };
        return Renderer.Render(district, template, model);
    }

    // The element names in document order: a value that broke out of its text or attribute would add or end elements.
    private static string[] Shape(IDocument document) => [.. document.All.Select(element => element.LocalName)];

    private static string FirstName(string name) => name.Trim().Split(' ')[0];

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])[' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
