using Azure;

namespace Outreach.Core.Storage;

/// <summary>An <see cref="AsyncPageable{T}"/> that asks for one page at a time and follows continuation tokens.</summary>
internal sealed class StoragePageable<T> : AsyncPageable<T>
    where T : notnull
{
    private readonly Func<string?, int?, CancellationToken, Task<Page<T>>> nextPage;

    public StoragePageable(Func<string?, int?, CancellationToken, Task<Page<T>>> nextPage, CancellationToken cancellationToken)
        : base(cancellationToken) => this.nextPage = nextPage;

    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var token = continuationToken;
        do
        {
            var page = await nextPage(token, pageSizeHint, CancellationToken).ConfigureAwait(false);
            token = page.ContinuationToken;
            yield return page;
        }
        while (!string.IsNullOrEmpty(token));
    }
}
