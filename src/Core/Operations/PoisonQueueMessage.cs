namespace Outreach.Core.Operations;

/// <summary>One message of a poison queue as stored.</summary>
/// <param name="MessageId">The queue's id of the message.</param>
/// <param name="InsertedOn">When it was put on the poison queue.</param>
/// <param name="DequeueCount">How often it was received from the poison queue.</param>
/// <param name="Text">The message text (the work item's JSON when it is well-formed).</param>
public sealed record PoisonQueueMessage(string MessageId, DateTimeOffset? InsertedOn, long DequeueCount, string Text);
