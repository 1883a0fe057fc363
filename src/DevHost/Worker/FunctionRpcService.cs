using Grpc.Core;
using Outreach.DevHost.Rpc;

namespace Outreach.DevHost.Worker;

/// <summary>
/// The host's side of <c>FunctionRpc.EventStream</c>: the worker opens the stream with <c>StartStream</c> naming the worker id
/// DevHost gave it; from then on the stream is that worker's <see cref="WorkerChannel"/> until either side ends it.
/// </summary>
internal sealed class FunctionRpcService(WorkerConnections connections) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken).ConfigureAwait(false) ||
            requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream ||
            connections.Connect(requestStream.Current.StartStream.WorkerId, responseStream) is not { } channel)
        {
            // Not a worker DevHost started (or one it no longer waits for).
            return;
        }

        try
        {
            while (await requestStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                channel.Receive(requestStream.Current);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or Grpc.Core.RpcException)
        {
            // The worker went away.
        }
        finally
        {
            channel.Close();
            channel.Dispose();
        }
    }
}
