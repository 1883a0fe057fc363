using System.Text.Json;
using Outreach.Core.Discovery;

namespace Outreach.Core.Newsletters;

/// <summary>
/// Reads and writes each district's <see cref="NewsletterScheduleState"/> as JSON in the cursor store
/// (key <c>newsletter-schedule:{district}</c>), so the cursor and the last run are one value, written together.
/// </summary>
internal sealed class NewsletterScheduleCursors
{
    private readonly IDiscoveryCursorStore store;

    public NewsletterScheduleCursors(IDiscoveryCursorStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
    }

    /// <summary>The cursor key of <paramref name="district"/>.</summary>
    public static string KeyOf(string district) => "newsletter-schedule:" + district;

    /// <summary>The district's state, or null before its first run.</summary>
    /// <remarks>A value that is not our JSON (written by hand, or by an older version) counts as no state: the next run starts afresh from now.</remarks>
    public async Task<NewsletterScheduleState?> ReadAsync(string district, CancellationToken cancellationToken)
    {
        var value = await store.GetAsync(KeyOf(district), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(value, NewsletterJsonContext.Default.NewsletterScheduleState);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Saves the district's state.</summary>
    public Task WriteAsync(string district, NewsletterScheduleState state, CancellationToken cancellationToken) =>
        store.SetAsync(KeyOf(district), JsonSerializer.Serialize(state, NewsletterJsonContext.Default.NewsletterScheduleState), cancellationToken);
}
