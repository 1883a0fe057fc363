using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Benchmarks;

/// <summary>
/// Parsing a staff upload or the file source with CsvHelper: a district's whole year of new leaders is a few thousand
/// rows. <see cref="DanishExcel"/> reads the same rows as Danish Excel saves them (';', Windows-1252), which adds the
/// encoding check and the transcoding.
/// </summary>
[MemoryDiagnoser]
public class LeaderCsvBenchmarks : IDisposable
{
    private ServiceProvider services = null!;
    private LeaderCsvParser parser = null!;
    private byte[] csv = [];

    [Params(1_000, 10_000)]
    public int Rows { get; set; }

    [Params(false, true)]
    public bool DanishExcel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        services = BenchmarkApp.Build(Path.GetTempPath());
        parser = services.GetRequiredService<LeaderCsvParser>();
        var separator = DanishExcel ? ';' : ',';
        var text = new StringBuilder(string.Join(separator, "district", "sourceId", "name", "email", "jobTitle", "workplace", "municipality", "hireDate", "member")).Append("\r\n");
        for (var row = 0; row < Rows; row++)
        {
            text.AppendJoin(separator,
                "storkobenhavn",
                string.Create(CultureInfo.InvariantCulture, $"kbh-{row}"),
                string.Create(CultureInfo.InvariantCulture, $"Leder Nummer {row} Ærø"),
                string.Create(CultureInfo.InvariantCulture, $"leder{row}@example.org"),
                "Afdelingsleder",
                string.Create(CultureInfo.InvariantCulture, $"\"Botilbuddet Åbrinken, afdeling {row % 7}\""),
                "København",
                string.Create(CultureInfo.InvariantCulture, $"2026-11-{row % 28 + 1:00}"),
                row % 3 == 0 ? "ja" : "nej").Append("\r\n");
        }

        csv = DanishExcel
            ? CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text.ToString())
            : Encoding.UTF8.GetBytes(text.ToString());
    }

    [Benchmark]
    public async Task<int> Parse()
    {
        using var stream = new MemoryStream(csv, writable: false);
        var result = await parser.ParseAsync(stream, "bench");
        return result.Leaders.Count;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        services?.Dispose();
        GC.SuppressFinalize(this);
    }
}
