using Azure;

namespace Outreach.Core.Storage.Tables;

/// <summary>
/// An entity stored in a table: the keys, the service's timestamp and the ETag for optimistic concurrency. Mirrors
/// <c>Azure.Data.Tables.ITableEntity</c>.
/// </summary>
public interface ITableEntity
{
    /// <summary>The partition key: entities with the same one can change together in a transaction.</summary>
    string PartitionKey { get; set; }

    /// <summary>The row key, unique within the partition.</summary>
    string RowKey { get; set; }

    /// <summary>When the service last changed the entity (set by the service).</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's version, for conditional updates and deletes.</summary>
    ETag ETag { get; set; }
}

/// <summary>How an update treats properties missing from the entity sent. Mirrors <c>Azure.Data.Tables.TableUpdateMode</c>.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep the stored properties that the entity sent does not name.</summary>
    Merge = 0,

    /// <summary>Replace the stored entity entirely.</summary>
    Replace = 1,
}

/// <summary>A table, as listed by the service. Mirrors <c>Azure.Data.Tables.Models.TableItem</c>.</summary>
public sealed class TableItem
{
    /// <summary>Creates an item for the named table.</summary>
    public TableItem(string name) => Name = name;

    /// <summary>The table's name.</summary>
    public string Name { get; }
}

/// <summary>The kind of one action of a transaction. Mirrors <c>Azure.Data.Tables.TableTransactionActionType</c>.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails when the entity exists.</summary>
    Add = 0,

    /// <summary>Merge into an existing entity (honours the action's ETag).</summary>
    UpdateMerge = 1,

    /// <summary>Replace an existing entity (honours the action's ETag).</summary>
    UpdateReplace = 2,

    /// <summary>Delete (honours the action's ETag; none means unconditionally).</summary>
    Delete = 3,

    /// <summary>Insert or merge.</summary>
    UpsertMerge = 4,

    /// <summary>Insert or replace.</summary>
    UpsertReplace = 5,
}

/// <summary>One action of <see cref="TableClient.SubmitTransactionAsync"/>. Mirrors <c>Azure.Data.Tables.TableTransactionAction</c>.</summary>
public sealed class TableTransactionAction
{
    /// <summary>Creates an action on <paramref name="entity"/>, conditional on <paramref name="etag"/> where that applies.</summary>
    public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    /// <summary>What to do.</summary>
    public TableTransactionActionType ActionType { get; }

    /// <summary>The entity acted on.</summary>
    public ITableEntity Entity { get; }

    /// <summary>The ETag the stored entity must have (<see cref="ETag.All"/> or default for unconditional).</summary>
    public ETag ETag { get; }
}

/// <summary>
/// A transaction was refused and nothing of it was applied. <see cref="FailedTransactionActionIndex"/> names the
/// action that failed. Mirrors <c>Azure.Data.Tables.TableTransactionFailedException</c>.
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Creates the exception for a refused transaction.</summary>
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode, null) => FailedTransactionActionIndex = failedTransactionActionIndex;

    /// <summary>The 0-based index of the action the service refused, when it said.</summary>
    public int? FailedTransactionActionIndex { get; }
}
