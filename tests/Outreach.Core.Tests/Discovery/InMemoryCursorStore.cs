using System.Collections.Concurrent;
using Outreach.Core.Discovery;

namespace Outreach.Core.Tests.Discovery;

/// <summary>The cursor port in memory, for source tests that are not about storage.</summary>
internal sealed class InMemoryCursorStore : IDiscoveryCursorStore
{
    private readonly ConcurrentDictionary<string, string> values = new(StringComparer.Ordinal);

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(values.TryGetValue(key, out var value) ? value : null);

    public Task SetAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        if (value is null)
        {
            values.TryRemove(key, out _);
        }
        else
        {
            values[key] = value;
        }

        return Task.CompletedTask;
    }
}
