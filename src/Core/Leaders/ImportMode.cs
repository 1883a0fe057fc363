namespace Outreach.Core.Leaders;

/// <summary>How a staff import treats a file with bad rows.</summary>
public enum ImportMode
{
    /// <summary>Refuse the whole file when any row is bad (the default).</summary>
    AllOrNothing = 0,

    /// <summary>Import the good rows and report the bad ones.</summary>
    GoodRows = 1,
}
