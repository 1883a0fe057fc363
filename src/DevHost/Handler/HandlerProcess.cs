using Outreach.DevHost.Processes;

namespace Outreach.DevHost.Handler;

/// <summary>
/// What is left of the custom handler's process: the free-port helper that test fixtures elsewhere still call.
/// New code uses <see cref="LoopbackPort"/>; this type goes once those callers have moved.
/// </summary>
public static class HandlerProcess
{
    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreeTcpPort() => LoopbackPort.Free();
}
