using System.Globalization;
using Azure;

namespace Outreach.Core.Storage;

/// <summary>
/// A parsed Azure Storage connection string: the account, its key and the service endpoints. Accepts the account-key
/// form (with <c>EndpointSuffix</c> or explicit <c>TableEndpoint</c>/<c>QueueEndpoint</c>) and the emulator shortcut
/// <c>UseDevelopmentStorage=true</c>.
/// </summary>
public sealed class StorageConnectionString
{
    /// <summary>The emulator's documented account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The emulator's documented account key (public, not a secret).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnectionString(string accountName, string accountKey, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint)
    {
        AccountName = accountName;
        Credential = new AzureNamedKeyCredential(accountName, accountKey);
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>The account name and key used for Shared Key signing.</summary>
    public AzureNamedKeyCredential Credential { get; }

    /// <summary>The Blob service endpoint.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The Queue service endpoint.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The Table service endpoint.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>Parses a connection string; throws <see cref="FormatException"/> naming what is missing.</summary>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("A storage connection string consists of Name=Value pairs separated by ';'.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) &&
            string.Equals(development, "true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxyUri) ? new Uri(proxyUri) : new Uri("http://127.0.0.1");
            return new StorageConnectionString(
                DevelopmentAccountName,
                DevelopmentAccountKey,
                Emulator(proxy, 10000),
                Emulator(proxy, 10001),
                Emulator(proxy, 10002));
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("SAS connection strings are not supported; use an account key or a managed identity.");
        }

        var account = Required(settings, "AccountName");
        var key = Required(settings, "AccountKey");
        var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var scheme) ? scheme : "https";
        var suffix = settings.TryGetValue("EndpointSuffix", out var endpointSuffix) ? endpointSuffix : "core.windows.net";
        return new StorageConnectionString(
            account,
            key,
            Endpoint(settings, "BlobEndpoint", protocol, account, "blob", suffix),
            Endpoint(settings, "QueueEndpoint", protocol, account, "queue", suffix),
            Endpoint(settings, "TableEndpoint", protocol, account, "table", suffix));
    }

    private static Uri Emulator(Uri proxy, int port) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{proxy.Scheme}://{proxy.Host}:{port}/{DevelopmentAccountName}"));

    private static Uri Endpoint(Dictionary<string, string> settings, string name, string protocol, string account, string service, string suffix) =>
        settings.TryGetValue(name, out var explicitEndpoint)
            ? new Uri(explicitEndpoint.TrimEnd('/'))
            : new Uri($"{protocol}://{account}.{service}.{suffix}");

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The storage connection string has no {name}.");
}
