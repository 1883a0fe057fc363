namespace Outreach.Core.Operations;

/// <summary>A poisoned work item as staff see it: which leader or campaign batch it was for, or why it cannot be read.</summary>
/// <param name="Queue">The poison queue.</param>
/// <param name="MessageId">The message id (what requeue and discard name).</param>
/// <param name="InsertedOn">When it reached the poison queue.</param>
/// <param name="DequeueCount">How often it was received from the poison queue.</param>
/// <param name="District">The work item's district, when it parses.</param>
/// <param name="LeaderId">The work item's leader id, when it parses.</param>
/// <param name="Malformed">True when the text is not a work item.</param>
/// <param name="Preview">For a malformed message, its first 200 characters (work items carry ids only, no personal data).</param>
/// <param name="CampaignId">A campaign work item's campaign, when it parses.</param>
/// <param name="BatchNumber">A batch work item's batch number, when it parses.</param>
public sealed record PoisonMessageView(
    string Queue,
    string MessageId,
    DateTimeOffset? InsertedOn,
    long DequeueCount,
    string? District,
    string? LeaderId,
    bool Malformed,
    string? Preview,
    string? CampaignId = null,
    int? BatchNumber = null);
