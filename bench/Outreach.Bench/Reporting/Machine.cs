using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Outreach.Bench.Reporting;

/// <summary>The machine the run was on (the numbers mean little without it; the 2 cores are shared).</summary>
internal static class Machine
{
    public static JsonObject Describe() => new()
    {
        ["processors"] = Environment.ProcessorCount,
        ["memoryMb"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024d / 1024d),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["gc"] = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation",
        ["loadAverageAtStart"] = LoadAverage(),
    };

    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public static string Summary(JsonObject machine) => string.Create(CultureInfo.InvariantCulture,
        $"{machine["processors"]} cores, {machine["memoryMb"]} MB, {machine["runtime"]}, {machine["os"]}, load {machine["loadAverageAtStart"]}");
}
