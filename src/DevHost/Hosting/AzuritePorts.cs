namespace Outreach.DevHost.Hosting;

/// <summary>The three ports of an Azurite DevHost starts itself; 0 means any free port.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    /// <summary>Any free ports.</summary>
    public static AzuritePorts Free { get; } = new(0, 0, 0);

    /// <summary>Parses <c>free</c> or <c>blob,queue,table</c>.</summary>
    public static AzuritePorts Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text, "free", StringComparison.OrdinalIgnoreCase))
        {
            return Free;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 3
            ? new AzuritePorts(
                DevHostOptions.ParsePort(parts[0], "--azurite-ports"),
                DevHostOptions.ParsePort(parts[1], "--azurite-ports"),
                DevHostOptions.ParsePort(parts[2], "--azurite-ports"))
            : throw new ArgumentException($"--azurite-ports '{text}' must be 'free' or three ports: blob,queue,table.");
    }
}
