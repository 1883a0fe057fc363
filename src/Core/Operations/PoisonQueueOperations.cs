using System.Text.Json;

namespace Outreach.Core.Operations;

/// <summary>
/// What staff do with the poison queues: list the messages with the leader or campaign batch they were for (or why they cannot be read),
/// requeue one after fixing the cause, or discard one.
/// </summary>
public sealed class PoisonQueueOperations
{
    /// <summary>The most messages listed per poison queue.</summary>
    public const int MaxListedPerQueue = 500;

    /// <summary>How much of a malformed message is shown.</summary>
    public const int PreviewLength = 200;

    private readonly IPoisonQueues queues;

    internal PoisonQueueOperations(IPoisonQueues queues) => this.queues = queues;

    /// <summary>The poison queues staff may name.</summary>
    public IReadOnlyList<string> Names => queues.Names;

    /// <summary>True when <paramref name="queue"/> is one of <see cref="Names"/> (exactly).</summary>
    public bool IsKnown(string? queue) => queue is not null && queues.Names.Contains(queue, StringComparer.Ordinal);

    /// <summary>The messages of every poison queue.</summary>
    public async Task<IReadOnlyList<PoisonMessageView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var views = new List<PoisonMessageView>();
        foreach (var queue in queues.Names)
        {
            var messages = await queues.ListAsync(queue, MaxListedPerQueue, cancellationToken);
            views.AddRange(messages.Select(message => View(queue, message)));
        }

        return views;
    }

    /// <summary>Puts a message back on its work queue; false when there is no such message.</summary>
    public Task<bool> RequeueAsync(string queue, string messageId, CancellationToken cancellationToken = default)
    {
        ThrowIfUnknown(queue);
        return queues.RequeueAsync(queue, messageId, cancellationToken);
    }

    /// <summary>Deletes a message; false when there is no such message.</summary>
    public Task<bool> DiscardAsync(string queue, string messageId, CancellationToken cancellationToken = default)
    {
        ThrowIfUnknown(queue);
        return queues.DiscardAsync(queue, messageId, cancellationToken);
    }

    /// <summary>Reads the work item's district and leader id; anything else is shown as malformed with its start.</summary>
    internal static PoisonMessageView View(string queue, PoisonQueueMessage message)
    {
        var (district, leaderId) = Ids(message.Text);
        if (district is not null && leaderId is not null)
        {
            return new PoisonMessageView(queue, message.MessageId, message.InsertedOn, message.DequeueCount, district, leaderId, false, null);
        }

        if (CampaignWork(message.Text) is { } work)
        {
            return new PoisonMessageView(queue, message.MessageId, message.InsertedOn, message.DequeueCount, null, null, false, null, work.CampaignId, work.BatchNumber);
        }

        return new PoisonMessageView(queue, message.MessageId, message.InsertedOn, message.DequeueCount, null, null, true,
            message.Text.Length <= PreviewLength ? message.Text : message.Text[..PreviewLength]);
    }

    // Campaign work items carry campaignId (a non-empty string) and, for a batch, a non-negative batchNumber.
    private static (string CampaignId, int? BatchNumber)? CampaignWork(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("campaignId", out var campaign) || campaign.ValueKind != JsonValueKind.String || campaign.GetString() is not { Length: > 0 } id)
            {
                return null;
            }

            if (!root.TryGetProperty("batchNumber", out var batch))
            {
                return (id, null);
            }

            return batch.ValueKind == JsonValueKind.Number && batch.TryGetInt32(out var number) && number >= 0 ? (id, number) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Both letter work items (welcome and follow-up) carry district and leaderId; both must be non-empty strings.
    private static (string? District, string? LeaderId) Ids(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("district", out var district) && district.ValueKind == JsonValueKind.String && district.GetString() is { Length: > 0 } d
                && root.TryGetProperty("leaderId", out var leaderId) && leaderId.ValueKind == JsonValueKind.String && leaderId.GetString() is { Length: > 0 } l
                ? (d, l)
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private void ThrowIfUnknown(string queue)
    {
        if (!IsKnown(queue))
        {
            throw new ArgumentException($"'{queue}' is not a poison queue of the letters.", nameof(queue));
        }
    }
}
