using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Discovery;

/// <summary>
/// The local default leader source (name <c>file</c>): a UTF-8 CSV in the <see cref="LeaderCsvParser"/> format at
/// <see cref="FileLeaderSourceOptions.Path"/>. Every read returns the whole file; discovery makes re-reads harmless.
/// A missing or unreadable file throws; bad rows are problems.
/// </summary>
public sealed partial class CsvLeaderFileSource : ILeaderSource
{
    /// <summary>The source name recorded on leaders from the file.</summary>
    public const string SourceName = "file";

    private readonly FileLeaderSourceOptions options;
    private readonly LeaderCsvParser parser;
    private readonly ILogger<CsvLeaderFileSource> logger;

    /// <summary>Creates the source.</summary>
    public CsvLeaderFileSource(IOptions<FileLeaderSourceOptions> options, LeaderCsvParser parser, ILogger<CsvLeaderFileSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options.Value;
        this.parser = parser;
        this.logger = logger;
    }

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public async Task<LeaderSourceResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(options.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var result = await parser.ParseAsync(stream, SourceName, cancellationToken);
        LogFileRead(logger, options.Path, result.Leaders.Count, result.Problems.Count);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read leaders file {Path}: {LeaderCount} leaders, {ProblemCount} problem rows")]
    private static partial void LogFileRead(ILogger logger, string path, int leaderCount, int problemCount);
}
