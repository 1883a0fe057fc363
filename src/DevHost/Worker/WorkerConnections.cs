using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.Rpc;

namespace Outreach.DevHost.Worker;

/// <summary>The workers DevHost started and waits for, by the worker id passed on their command line.</summary>
public sealed class WorkerConnections(ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<WorkerChannel>> expected = new(StringComparer.Ordinal);

    /// <summary>Completes when the worker with <paramref name="workerId"/> opens its stream.</summary>
    public Task<WorkerChannel> Expect(string workerId) =>
        expected.GetOrAdd(workerId, _ => new TaskCompletionSource<WorkerChannel>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Stops waiting for <paramref name="workerId"/> (it exited before it connected).</summary>
    public void Forget(string workerId) => expected.TryRemove(workerId, out _);

    internal WorkerChannel? Connect(string workerId, IServerStreamWriter<StreamingMessage> writer)
    {
        if (!expected.TryRemove(workerId, out var waiting))
        {
            return null;
        }

        var channel = new WorkerChannel(workerId, writer, loggerFactory);
        waiting.TrySetResult(channel);
        return channel;
    }
}
