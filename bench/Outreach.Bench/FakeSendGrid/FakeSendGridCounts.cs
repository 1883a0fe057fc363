namespace Outreach.Bench.FakeSendGrid;

/// <summary>What the fake SendGrid saw (GET /counts).</summary>
/// <param name="Requests">Mail Send requests received (every attempt, faulted or not).</param>
/// <param name="AcceptedRequests">Requests the fake took (202, and the slow and dropped ones in fault mode).</param>
/// <param name="FaultedRequests">Requests answered with the fault.</param>
/// <param name="PersonalizationsReceived">Personalizations in every request received.</param>
/// <param name="PersonalizationsAccepted">Personalizations in the requests the fake took.</param>
/// <param name="DistinctKeysAccepted">Distinct delivery keys taken (fault mode only, else 0).</param>
/// <param name="DuplicateKeys">Delivery keys taken more than once (fault mode only, else 0): each is a recipient mailed twice.</param>
/// <param name="BatchVariants">Accepted personalizations per variant of the batched requests (a hash of the HTML part; requests with substitutions only).</param>
/// <param name="BatchRequestsByVariant">Accepted batched requests per variant.</param>
/// <param name="Statuses">Answers by status code (0 = no answer in time, -1 = connection dropped).</param>
/// <param name="BodyBytes">Request body bytes received, every request.</param>
/// <param name="LargestBodyBytes">The largest request body received.</param>
internal sealed record FakeSendGridCounts(
    long Requests,
    long AcceptedRequests,
    long FaultedRequests,
    long PersonalizationsReceived,
    long PersonalizationsAccepted,
    long DistinctKeysAccepted,
    long DuplicateKeys,
    IReadOnlyDictionary<string, long> BatchVariants,
    IReadOnlyDictionary<string, long> BatchRequestsByVariant,
    IReadOnlyDictionary<string, long> Statuses,
    long BodyBytes = 0,
    long LargestBodyBytes = 0)
{
    public static FakeSendGridCounts Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, long>());
}
