using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Outreach.Core.Templates;

/// <summary>
/// What a staff-edited template may do, in one place: read the values we give it, use the <c>string</c>, <c>array</c>
/// and <c>math</c> functions, branch and loop a bounded number of times. It cannot read files (no template loader, no
/// <c>include</c>), import objects, evaluate text as a template (<c>object.eval</c>), reach .NET members beyond our
/// model, or write unbounded output. A misspelt name or member is an error, not an empty string.
/// </summary>
internal static class TemplateSandbox
{
    /// <summary>Loops in a letter walk a handful of address lines; a thousand iterations in one render is a runaway.</summary>
    public const int LoopLimit = 1_000;

    /// <summary>Nested calls of template-defined functions.</summary>
    public const int RecursiveLimit = 20;

    /// <summary>Characters one part may write: a letter is a few kilobytes, a runaway template stops here.</summary>
    public const int OutputLimit = 1_000_000;

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    private static readonly ScriptObject Builtins = CreateBuiltins();

    /// <summary>The context for an HTML part: every value written is HTML-escaped. <paramref name="globals"/> are read-only values, last wins.</summary>
    public static TemplateContext Html(params ReadOnlySpan<ScriptObject> globals) => Configure(new HtmlTemplateContext(Builtins), globals);

    /// <summary>The context for a text part; <paramref name="singleLine"/> for a header-like line such as the subject.</summary>
    public static TemplateContext Text(bool singleLine, params ReadOnlySpan<ScriptObject> globals) =>
        Configure(new TextTemplateContext(Builtins, singleLine), globals);

    /// <summary>
    /// Parses <paramref name="source"/> as a Scriban template; <paramref name="path"/> names it in errors. Throws
    /// <see cref="InvalidDataException"/> for a syntax error and for statements a letter may not use (<c>import</c>).
    /// </summary>
    public static Template Parse(string source, string path)
    {
        var template = Template.Parse(source, path);
        var problems = template.HasErrors ? template.Messages.Select(message => message.ToString()).ToList() : ForbiddenStatements.Find(template.Page!);
        return problems.Count == 0
            ? template
            : throw new InvalidDataException($"Template '{path}' is not valid Scriban: {string.Join("; ", problems)}");
    }

    /// <summary>Makes <paramref name="value"/> read-only, so that one template cannot change what another one reads.</summary>
    public static ScriptObject Freeze(ScriptObject value)
    {
        foreach (var name in value.Keys.ToList())
        {
            value.SetReadOnly(name, true);
        }

        value.IsReadOnly = true;
        return value;
    }

    private static TemplateContext Configure(TemplateContext context, ReadOnlySpan<ScriptObject> globals)
    {
        context.StrictVariables = true;
        context.EnableRelaxedMemberAccess = false;
        context.EnableRelaxedTargetAccess = false;
        context.EnableRelaxedFunctionAccess = false;
        context.EnableRelaxedIndexerAccess = false;
        context.TemplateLoader = null;

        // Our model is ScriptObjects and arrays only; no .NET object may show its members to a template.
        context.MemberFilter = _ => false;
        context.LoopLimit = LoopLimit;
        context.LoopLimitQueryable = LoopLimit;
        context.RecursiveLimit = RecursiveLimit;
        context.OutputLimit = OutputLimit;
        context.OnOutputLimit = ScriptLimitBehavior.Throw;
        context.LimitToString = OutputLimit;
        context.OnStringLimit = ScriptLimitBehavior.Throw;
        context.RegexTimeOut = TimeSpan.FromSeconds(1);
        context.NewLine = "\n";
        context.PushCulture(Danish);
        foreach (var global in globals)
        {
            context.PushGlobal(global);
        }

        // The template's own variables (x = ..., capture, loop variables) live in a scope of this render only.
        context.PushGlobal(new ScriptObject());
        return context;
    }

    // `import` copies an object's members into the template's scope; nothing a letter needs, and the brief is "no imports".
    private sealed class ForbiddenStatements : ScriptVisitor
    {
        private readonly List<string> problems = [];

        public static List<string> Find(ScriptPage page)
        {
            var visitor = new ForbiddenStatements();
            visitor.Visit(page);
            return visitor.problems;
        }

        public override void Visit(ScriptImportStatement node)
        {
            problems.Add($"{node.Span}: 'import' is not allowed in a letter template");
            base.Visit(node);
        }
    }

    private static ScriptObject CreateBuiltins()
    {
        // Copies, read-only: Scriban's builtin objects are shared by the whole process, and a template that could add a
        // member to one (string.x = recipient.name) would hand one recipient's data to the next letter.
        var all = TemplateContext.GetDefaultBuiltinObject();
        var allowed = new ScriptObject();
        foreach (var name in new[] { "string", "array", "math" })
        {
            var functions = new ScriptObject();
            foreach (var function in (ScriptObject)all[name]!)
            {
                functions.SetValue(function.Key, function.Value, readOnly: true);
            }

            allowed.SetValue(name, Freeze(functions), readOnly: true);
        }

        return Freeze(allowed);
    }
}
