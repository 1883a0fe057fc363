namespace Outreach.Functions.Letters;

/// <summary>The letter queues the functions trigger on and write to (attribute arguments need constants).</summary>
public static class LetterQueues
{
    /// <summary>One message per welcome letter (<see cref="Core.Leaders.WelcomeWorkItem"/> JSON).</summary>
    public const string Welcome = "welcome-letters";

    /// <summary>One message per follow-up letter (<see cref="Core.Leaders.FollowUpWorkItem"/> JSON).</summary>
    public const string FollowUp = "follow-up-letters";

    /// <summary>The setting holding the storage connection, shared with the host.</summary>
    public const string Connection = "AzureWebJobsStorage";
}
