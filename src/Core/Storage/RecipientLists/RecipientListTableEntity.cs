using Azure;
using Azure.Data.Tables;
using Outreach.Core.RecipientLists;

namespace Outreach.Core.Storage;

/// <summary>
/// A row of the <c>recipientlists</c> table: PartitionKey = list id; RowKey = the entry's key (the hash of its address)
/// for a person, or <see cref="HeaderRowKey"/> for the list itself. The header's columns are
/// <see cref="Name"/>, <see cref="Rows"/>, <see cref="CreatedBy"/> and <see cref="CreatedAt"/>; a person's are
/// <see cref="Email"/>, <see cref="PersonName"/>, <see cref="Municipality"/>, <see cref="Role"/> and <see cref="Line"/>.
/// </summary>
internal sealed class RecipientListTableEntity : ITableEntity
{
    /// <summary>
    /// The header's RowKey. <c>~</c> sorts after every hex digit, so the people of a list are <c>RowKey lt '~'</c> and the
    /// header can never collide with an entry key.
    /// </summary>
    public const string HeaderRowKey = "~list";

    /// <summary>The first RowKey after every entry of a list.</summary>
    public const string AfterEntries = "~";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Name { get; set; }

    public int Rows { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public string? Email { get; set; }

    public string? PersonName { get; set; }

    public string? Municipality { get; set; }

    public string? Role { get; set; }

    public int Line { get; set; }

    public static RecipientListTableEntity ForList(RecipientList list) => new()
    {
        PartitionKey = list.Id,
        RowKey = HeaderRowKey,
        Name = list.Name,
        Rows = list.Rows,
        CreatedBy = list.CreatedBy,
        CreatedAt = list.CreatedAt,
    };

    public static RecipientListTableEntity ForEntry(string listId, RecipientListEntry entry) => new()
    {
        PartitionKey = listId,
        RowKey = entry.Key,
        Email = entry.Email,
        PersonName = entry.Name,
        Municipality = entry.Municipality,
        Role = entry.Role,
        Line = entry.Line,
    };

    public RecipientList ToList() => new(PartitionKey, Name ?? "", Rows, CreatedBy ?? "", CreatedAt ?? Timestamp ?? DateTimeOffset.MinValue);

    public RecipientListEntry ToEntry() => new(RowKey, Email ?? "", PersonName ?? "", Municipality, Role, Line);
}
