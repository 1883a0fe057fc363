using System.Text.Json.Serialization;

namespace Outreach.Core.Leaders;

/// <summary>A queue message asking for one leader's welcome letter (queue <c>welcome-letters</c>).</summary>
/// <param name="District">District code.</param>
/// <param name="LeaderId">Leader id within the district.</param>
public sealed record WelcomeWorkItem(string District, string LeaderId);

/// <summary>A queue message asking for one leader's follow-up letter (queue <c>follow-up-letters</c>).</summary>
/// <param name="District">District code.</param>
/// <param name="LeaderId">Leader id within the district.</param>
/// <param name="FollowUpNumber">1 for the first follow-up, 2 for the second.</param>
public sealed record FollowUpWorkItem(string District, string LeaderId, int FollowUpNumber);

/// <summary>What became of one letter work item.</summary>
public enum LetterOutcome
{
    /// <summary>The letter was sent now.</summary>
    Sent,

    /// <summary>It had already been sent (a redelivered work item); nothing was sent.</summary>
    AlreadySent,

    /// <summary>An earlier attempt's outcome is unknown; nothing was sent, staff must look.</summary>
    OutcomeUnknown,

    /// <summary>Not sent on purpose: joined, declined, opted out, suppressed or erased since the item was queued.</summary>
    Skipped,

    /// <summary>Produced as a print-ready letter for the post (no consent to e-mail a non-member).</summary>
    PrintLetterProduced,
}

/// <summary>Source-generated JSON for the work items (queue message bodies are this JSON).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WelcomeWorkItem))]
[JsonSerializable(typeof(FollowUpWorkItem))]
public sealed partial class WorkItemJsonContext : JsonSerializerContext;
