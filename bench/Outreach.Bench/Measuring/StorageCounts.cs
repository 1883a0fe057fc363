namespace Outreach.Bench.Measuring;

/// <summary>Storage requests of one phase (a snapshot). A <c>$batch</c> is one table transaction.</summary>
/// <param name="TableReads">GET requests to the Table service (point reads and queries, each page one request).</param>
/// <param name="TableBatchTransactions">Entity group transactions (<c>$batch</c>, up to 100 operations each).</param>
/// <param name="TableSingleWrites">Single-entity writes (insert, update, merge, delete) and table creations.</param>
/// <param name="QueueRequests">Requests to the Queue service (send, receive, delete, update).</param>
internal sealed record StorageCounts(long TableReads, long TableBatchTransactions, long TableSingleWrites, long QueueRequests)
{
    public static StorageCounts Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Write requests to the Table service: each <c>$batch</c> and each single write is one transaction.</summary>
    public long TableTransactions => TableBatchTransactions + TableSingleWrites;

    public StorageCounts Minus(StorageCounts before) => new(
        TableReads - before.TableReads,
        TableBatchTransactions - before.TableBatchTransactions,
        TableSingleWrites - before.TableSingleWrites,
        QueueRequests - before.QueueRequests);

    public StorageCounts Plus(StorageCounts other) => new(
        TableReads + other.TableReads,
        TableBatchTransactions + other.TableBatchTransactions,
        TableSingleWrites + other.TableSingleWrites,
        QueueRequests + other.QueueRequests);
}
