using Outreach.Testing.Azurite;

namespace Outreach.DevHost.Tests;

/// <summary>The tests that share one Azurite (xunit finds collection definitions only in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    /// <summary>Put <c>[Collection(AzuriteTests.Name)]</c> on a test class to receive the fixture.</summary>
    public const string Name = "Azurite";
}
