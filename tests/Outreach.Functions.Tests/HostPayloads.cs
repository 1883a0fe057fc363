using System.Text.Json;

namespace Outreach.Functions.Tests;

/// <summary>Invocation bodies in the exact shapes the Functions host writes (reference §1.1a/b: strings JSON-encoded twice).</summary>
internal static class HostPayloads
{
    /// <summary>A queue-trigger body whose message text is <paramref name="messageText"/>, encoded as the host does.</summary>
    public static string Queue(string messageText, string binding = "message", int dequeueCount = 1, string functionName = "SendWelcome")
    {
        var twice = JsonSerializer.Serialize(messageText); // the host's JsonConvert.SerializeObject(string)
        return $$$$"""
            {"Data":{"{{{{binding}}}}":{{{{JsonSerializer.Serialize(twice)}}}}},
             "Metadata":{"DequeueCount":"{{{{dequeueCount}}}}","ExpirationTime":"2025-01-09T03:04:05+00:00","Id":"\"800ae4b3-2f1c-4c0e-9d35-0a6c2f1e5b77\"",
               "InsertionTime":"2025-01-02T03:04:05+00:00","NextVisibleTime":"2025-01-02T03:14:05+00:00",
               "PopReceipt":"\"AgAAAAMAAAAAAAAAAgtnj8x+1QE=\"",
               "sys":{"MethodName":"{{{{functionName}}}}","UtcNow":"2025-01-02T03:04:05.6781234Z","RandGuid":"24ad4c06-7f1e-4c37-9a4e-2b0f0e3c9d11"}}}
            """;
    }

    /// <summary>A timer-trigger body with schedule monitoring off (ScheduleStatus null), as real hosts send it.</summary>
    public static string TimerWithoutStatus(string functionName, bool pastDue = false) => $$$$"""
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":{{{{(pastDue ? "true" : "false")}}}}}},
         "Metadata":{"sys":{"MethodName":"{{{{functionName}}}}","UtcNow":"2022-07-05T11:40:07.4850616Z","RandGuid":"9cd4c06c-1b2f-4a7e-8a53-4c2d8e1f0a66"}}}
        """;

    /// <summary>A timer-trigger body with a monitored schedule.</summary>
    public static string TimerWithStatus(string functionName) => $$$$"""
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},
           "ScheduleStatus":{"Last":"2025-01-01T06:00:00+00:00","Next":"2025-01-02T06:00:00+00:00","LastUpdated":"2025-01-01T06:00:00.1234567+00:00"},
           "IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"{{{{functionName}}}}","UtcNow":"2025-01-02T06:00:00.0123456Z","RandGuid":"9cd4c06c-1b2f-4a7e-8a53-4c2d8e1f0a66"}}}
        """;
}
