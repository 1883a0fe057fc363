using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Outreach.Core.Storage;

/// <summary>
/// Signs every attempt (it sits in the per-retry stage, so each retry gets a fresh <c>x-ms-date</c>) with the account
/// key. Tables use Shared Key Lite, as Azure.Data.Tables does; queues use Shared Key, the only scheme Azurite accepts
/// for them. The key is read from the credential on every request so that a rotated key takes effect at once.
/// </summary>
internal sealed class StorageSharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly AzureNamedKeyCredential credential;
    private readonly StorageService service;
    private readonly TimeProvider timeProvider;

    public StorageSharedKeyPolicy(AzureNamedKeyCredential credential, StorageService service, TimeProvider? timeProvider = null)
    {
        this.credential = credential;
        this.service = service;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var (accountName, accountKey) = credential;
        // Only x-ms-date: Azurite prefers a Date header over x-ms-date when both are present, Azure the other way round.
        var date = timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var uri = request.Uri.ToUri();
        var stringToSign = service == StorageService.Table
            ? TableStringToSign(date, accountName, uri)
            : QueueStringToSign(request, accountName, uri);
        var signature = Sign(accountKey, stringToSign);
        var scheme = service == StorageService.Table ? "SharedKeyLite" : "SharedKey";
        request.Headers.SetValue("Authorization", $"{scheme} {accountName}:{signature}");
    }

    /// <summary>Shared Key Lite for Tables: the date and the canonicalized resource.</summary>
    internal static string TableStringToSign(string date, string accountName, Uri uri)
    {
        var resource = new StringBuilder("/").Append(accountName).Append(uri.AbsolutePath);
        var comp = QueryParameters(uri).FirstOrDefault(p => string.Equals(p.Name, "comp", StringComparison.OrdinalIgnoreCase));
        if (comp.Name is not null)
        {
            resource.Append("?comp=").Append(comp.Value);
        }

        return date + "\n" + resource;
    }

    /// <summary>Shared Key for Queues (the Blob/Queue/File format of version 2015-02-21 and later).</summary>
    internal static string QueueStringToSign(Request request, string accountName, Uri uri)
    {
        string Header(string name) => request.Headers.TryGetValue(name, out var value) ? value : "";

        var contentLength = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : "";
        var builder = new StringBuilder()
            .Append(request.Method.Method.ToUpperInvariant()).Append('\n')
            .Append(Header("Content-Encoding")).Append('\n')
            .Append(Header("Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header("Content-MD5")).Append('\n')
            .Append(Header("Content-Type")).Append('\n')
            .Append('\n') // Date: empty because x-ms-date is sent.
            .Append(Header("If-Modified-Since")).Append('\n')
            .Append(Header("If-Match")).Append('\n')
            .Append(Header("If-None-Match")).Append('\n')
            .Append(Header("If-Unmodified-Since")).Append('\n')
            .Append(Header("Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var group in QueryParameters(uri)
                     .GroupBy(p => p.Name.ToLowerInvariant())
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(group.Key).Append(':')
                .Append(string.Join(',', group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    internal static string Sign(string accountKey, string stringToSign)
    {
        var hash = HMACSHA256.HashData(Convert.FromBase64String(accountKey), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(hash);
    }

    private static IEnumerable<(string Name, string Value)> QueryParameters(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            yield break;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            yield return (name, value);
        }
    }
}

/// <summary>Which signing rules apply.</summary>
internal enum StorageService
{
    Table,
    Queue,
}
