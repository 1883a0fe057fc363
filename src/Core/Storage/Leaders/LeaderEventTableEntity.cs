using Azure;
using Azure.Data.Tables;
using Outreach.Core.Leaders;

namespace Outreach.Core.Storage;

/// <summary>
/// One state change of a leader, stored in the leader's own partition so that the change and its event are one
/// transaction: row = <c>~{leaderId}~{time}-{sequence}-{random}</c>. The <c>~</c> sorts after every leader id, so leader
/// rows are <c>RowKey lt '~'</c> and one leader's events are a row range.
/// </summary>
internal sealed class LeaderEventTableEntity : ITableEntity
{
    /// <summary>What every event row starts with, and the first key after every leader row.</summary>
    public const string RowPrefix = "~";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset At { get; set; }

    public string? From { get; set; }

    public string To { get; set; } = "";

    public string Actor { get; set; } = "";

    public string Reason { get; set; } = "";

    /// <summary>The first row key of a leader's events.</summary>
    public static string FirstRowOf(string leaderId) => RowPrefix + leaderId + RowPrefix;

    /// <summary>The row key just after a leader's events (<c>~</c> sorts after the digits of the time).</summary>
    public static string AfterRowsOf(string leaderId) => FirstRowOf(leaderId) + RowPrefix;

    public static LeaderEventTableEntity ForChange(string district, string leaderId, string rowSuffix, LeaderEvent change) => new()
    {
        PartitionKey = district,
        RowKey = FirstRowOf(leaderId) + rowSuffix,
        At = change.At,
        From = change.From?.ToString(),
        To = change.To.ToString(),
        Actor = change.Actor,
        Reason = change.Reason,
    };

    public LeaderEvent ToEvent() =>
        LeaderEvent.Restore(At, From is null ? null : Enum.Parse<LeaderState>(From), Enum.Parse<LeaderState>(To), Actor, Reason);
}
