namespace Outreach.Core.Tests.CampaignFaults;

/// <summary>
/// A point in the code under test where one call waits: armed by a test, taken by the first call that comes by, which
/// reports it arrived and waits until the test releases it. Lets a test put two attempts in a chosen order.
/// </summary>
internal sealed class Hold
{
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int armed;

    public void Arm() => Volatile.Write(ref armed, 1);

    /// <summary>Completes when a call has arrived at the hold (fails after 30 s).</summary>
    public Task Arrived => arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Release() => released.TrySetResult();

    /// <summary>Called by the code under test: waits here if the hold is armed and not yet taken.</summary>
    public async Task PassAsync()
    {
        if (Interlocked.Exchange(ref armed, 0) == 1)
        {
            arrived.TrySetResult();
            await released.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
