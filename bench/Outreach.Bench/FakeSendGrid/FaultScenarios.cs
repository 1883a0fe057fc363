namespace Outreach.Bench.FakeSendGrid;

/// <summary>The command-line names of the fault scenarios.</summary>
internal static class FaultScenarios
{
    public static IReadOnlyList<(string Name, FaultScenario Scenario)> All { get; } =
    [
        ("429-reset", FaultScenario.RateLimitedWithReset),
        ("429", FaultScenario.RateLimited),
        ("500", FaultScenario.ServerError),
        ("502", FaultScenario.BadGateway),
        ("slow", FaultScenario.Slow),
        ("drop", FaultScenario.Drop),
        ("redeliver", FaultScenario.Redeliver),
        ("redeliver-429", FaultScenario.RedeliverRateLimited),
    ];

    public static FaultScenario Parse(string name) =>
        All.FirstOrDefault(entry => string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } found
            ? found.Scenario
            : name is "none" ? FaultScenario.None
            : throw new ArgumentException($"Unknown fault scenario '{name}'; one of {string.Join(", ", All.Select(entry => entry.Name))} or all.");

    public static string NameOf(FaultScenario scenario) =>
        scenario == FaultScenario.None ? "none" : All.First(entry => entry.Scenario == scenario).Name;
}
