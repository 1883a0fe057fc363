using Outreach.Bench;
using Outreach.Bench.FakeSendGrid;
using Outreach.Bench.Runs;

// dotnet run -c Release --project bench/Outreach.Bench -- --recipients 100000   (see bench/README.md)
BenchArguments arguments;
try
{
    arguments = BenchArguments.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

if (arguments.Has("help"))
{
    Console.WriteLine(BenchArguments.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    cancel.Cancel();
};

return arguments.Mode switch
{
    "fake-sendgrid" => await FakeSendGridServer.RunAsync(arguments),
    "seed" => await Seeder.RunAsync(arguments),
    "self-check" => await SelfCheck.RunAsync(cancel.Token),
    "azurite-floor" => await AzuriteFloor.RunAsync(arguments, cancel.Token),
    "run" when arguments.Has("fault") => await FaultRun.RunAsync(arguments, cancel.Token),
    "run" => await SpeedRun.RunAsync(arguments, cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}
