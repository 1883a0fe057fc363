using System.Globalization;
using System.Text.Json.Nodes;

namespace Outreach.Bench.Reporting;

/// <summary>The busy-time breakdown (see <see cref="Measuring.BusyTimes"/>) as a table and as JSON.</summary>
internal static class BusyReport
{
    private static readonly string[] Kinds = ["render", "sendgrid", "tableBatch", "tableWrite", "tableRead", "queue"];

    public static void Print(IReadOnlyDictionary<(string Phase, string Kind), (long Calls, double Milliseconds)> busy, IReadOnlyList<string> phases)
    {
        Console.WriteLine(" " + "phase".PadRight(10) + string.Concat(Kinds.Select(kind => kind.PadLeft(20))));
        foreach (var phase in phases)
        {
            var cells = Kinds.Select(kind => busy.TryGetValue((phase, kind), out var entry)
                ? string.Create(CultureInfo.InvariantCulture, $"{entry.Milliseconds / 1000:0.00} s / {entry.Calls}").PadLeft(20)
                : "-".PadLeft(20));
            Console.WriteLine(" " + phase.PadRight(10) + string.Concat(cells));
        }
    }

    public static JsonObject ToJson(IReadOnlyDictionary<(string Phase, string Kind), (long Calls, double Milliseconds)> busy, IReadOnlyList<string> phases)
    {
        var json = new JsonObject();
        foreach (var phase in phases)
        {
            var kinds = new JsonObject();
            foreach (var ((entryPhase, kind), (calls, milliseconds)) in busy.OrderBy(pair => pair.Key.Kind, StringComparer.Ordinal))
            {
                if (entryPhase == phase)
                {
                    kinds[kind] = new JsonObject { ["calls"] = calls, ["seconds"] = Math.Round(milliseconds / 1000, 3) };
                }
            }

            json[phase] = kinds;
        }

        return json;
    }
}
