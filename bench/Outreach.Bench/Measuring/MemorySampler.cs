using System.Diagnostics;

namespace Outreach.Bench.Measuring;

/// <summary>Samples this process's working set (and the managed heap) every 100 ms while it runs, keeping the peaks.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long peakWorkingSet;
    private long peakHeap;

    private MemorySampler()
    {
        Sample();
        loop = Task.Run(RunAsync);
    }

    public static MemorySampler Start() => new();

    public double PeakWorkingSetMb => Interlocked.Read(ref peakWorkingSet) / 1024d / 1024d;

    public double PeakManagedHeapMb => Interlocked.Read(ref peakHeap) / 1024d / 1024d;

    public static double CurrentWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024d / 1024d;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        Sample();
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await timer.WaitForNextTickAsync(stop.Token))
        {
            Sample();
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        var workingSet = process.WorkingSet64;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        if (workingSet > Interlocked.Read(ref peakWorkingSet))
        {
            Interlocked.Exchange(ref peakWorkingSet, workingSet);
        }

        if (heap > Interlocked.Read(ref peakHeap))
        {
            Interlocked.Exchange(ref peakHeap, heap);
        }
    }
}
