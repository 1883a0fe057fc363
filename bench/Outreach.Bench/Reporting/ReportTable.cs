using System.Text.Json.Nodes;

namespace Outreach.Bench.Reporting;

/// <summary>Prints a two-column table of a report's values, and the targets with PASS or FAIL.</summary>
internal static class ReportTable
{
    public static void Print(IEnumerable<(string Name, string Value)> rows)
    {
        var list = rows.ToList();
        var width = list.Max(row => row.Name.Length);
        var line = new string('-', width + 2) + "+" + new string('-', Math.Max(12, list.Max(row => row.Value.Length) + 2));
        Console.WriteLine(line);
        foreach (var (name, value) in list)
        {
            Console.WriteLine(" " + name.PadRight(width) + " | " + value);
        }

        Console.WriteLine(line);
    }

    public static void PrintTargets(IReadOnlyList<TargetCheck> targets)
    {
        var nameWidth = targets.Max(target => target.Name.Length);
        var targetWidth = targets.Max(target => target.Target.Length);
        foreach (var target in targets)
        {
            Console.WriteLine($" {(target.Pass ? "PASS" : "FAIL")}  {target.Name.PadRight(nameWidth)}  {target.Target.PadRight(targetWidth)}  {target.Actual}");
        }
    }

    public static JsonArray ToJson(IEnumerable<TargetCheck> targets) =>
        new([.. targets.Select(target => (JsonNode)new JsonObject
        {
            ["name"] = target.Name,
            ["target"] = target.Target,
            ["actual"] = target.Actual,
            ["pass"] = target.Pass,
        })]);
}
