using Azure.Core;

namespace Outreach.Core.Storage.Tables;

/// <summary>Options of the table clients: retries, diagnostics, transport, service version. Mirrors <c>Azure.Data.Tables.TableClientOptions</c>.</summary>
public sealed class TableClientOptions : ClientOptions
{
    /// <summary>Creates options for the given service version (the newest by default).</summary>
    public TableClientOptions(ServiceVersion serviceVersion = ServiceVersion.V2020_12_06) => Version = serviceVersion;

    /// <summary>The REST API versions the clients can speak.</summary>
    public enum ServiceVersion
    {
        /// <summary>2019-02-02.</summary>
        V2019_02_02 = 1,

        /// <summary>2020-12-06.</summary>
        V2020_12_06 = 2,
    }

    /// <summary>The version sent as <c>x-ms-version</c>.</summary>
    public ServiceVersion Version { get; }

    /// <summary>Used by tests to sign with a fixed clock; null means the system clock.</summary>
    internal TimeProvider? TimeProvider { get; set; }

    internal string VersionString => Version switch
    {
        ServiceVersion.V2019_02_02 => "2019-02-02",
        _ => "2020-12-06",
    };
}
