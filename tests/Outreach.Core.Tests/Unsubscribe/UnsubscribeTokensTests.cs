using System.Buffers.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Email;
using Outreach.Core.Unsubscribe;

// Not "...Tests.Unsubscribe": that would shadow Outreach.Core.Unsubscribe for the other test namespaces that write "Unsubscribe.OptOutCategory".
namespace Outreach.Core.Tests.UnsubscribeLinks;

public sealed class UnsubscribeTokensTests
{
    private const string Key = "test-signing-key-0123456789-abcdefghij";
    private const string OtherKey = "another-signing-key-9876543210-zyxwvu";
    private const string Address = "Jonas.Aerebo@Example.org";

    [Theory]
    [InlineData(OptOutCategory.Outreach)]
    [InlineData(OptOutCategory.Newsletter)]
    [InlineData(OptOutCategory.Campaigns)]
    [InlineData(OptOutCategory.All)]
    public void Verify_TokenItCreated_ReturnsDistrictAddressHashAndCategory(OptOutCategory category)
    {
        var tokens = Create(Key);

        var claim = tokens.Verify(tokens.CreateToken("storkobenhavn", Address, category));

        Assert.Equal(new UnsubscribeClaim("storkobenhavn", EmailAddresses.Hash("jonas.aerebo@example.org"), category), claim);
    }

    [Fact]
    public void CreateToken_SameAddressWrittenDifferently_NamesTheSamePerson()
    {
        var tokens = Create(Key);

        var first = tokens.Verify(tokens.CreateToken("nordjylland", " jonas.aerebo@example.org ", OptOutCategory.Outreach));
        var second = tokens.Verify(tokens.CreateToken("nordjylland", Address, OptOutCategory.Outreach));

        Assert.Equal(first, second);
    }

    [Fact]
    public void CreateToken_Always_KeepsTheAddressOutOfTheLink()
    {
        var tokens = Create(Key);

        var link = tokens.CreateLink("storkobenhavn", Address, OptOutCategory.Outreach).AbsoluteUri;
        var decoded = System.Text.Encoding.Latin1.GetString(Base64Url.DecodeFromChars(link.AsSpan(link.IndexOf("token=", StringComparison.Ordinal) + 6)));

        Assert.DoesNotContain("aerebo", link, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("aerebo", decoded, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("http://localhost:7071")]
    [InlineData("http://localhost:7071/")]
    public void CreateLink_PublicBaseUrl_PointsToThePublicUnsubscribeEndpointWithTheToken(string baseUrl)
    {
        var tokens = Create(Key, baseUrl: baseUrl);

        var link = tokens.CreateLink("storkobenhavn", Address, OptOutCategory.Newsletter);

        Assert.Equal("http://localhost:7071/api/public/unsubscribe", link.GetLeftPart(UriPartial.Path));
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["token"].ToString();
        Assert.Equal(OptOutCategory.Newsletter, tokens.Verify(token)?.Category);
    }

    [Fact]
    public void Verify_AnyByteChanged_ReturnsNull()
    {
        var tokens = Create(Key);
        var bytes = Base64Url.DecodeFromChars(tokens.CreateToken("storkobenhavn", Address, OptOutCategory.Outreach));

        // Version, category, every byte of the address hash, the district and the MAC itself.
        for (var index = 0; index < bytes.Length; index++)
        {
            var altered = (byte[])bytes.Clone();
            altered[index] ^= 0x01;
            Assert.Null(tokens.Verify(Base64Url.EncodeToString(altered)));
        }
    }

    [Fact]
    public void Verify_OutreachTokenWidenedToAll_ReturnsNull()
    {
        var tokens = Create(Key);
        var bytes = Base64Url.DecodeFromChars(tokens.CreateToken("storkobenhavn", Address, OptOutCategory.Outreach));

        bytes[1] = (byte)OptOutCategory.All;

        Assert.Null(tokens.Verify(Base64Url.EncodeToString(bytes)));
    }

    [Fact]
    public void Verify_DistrictSwappedForAnotherOfTheSameLength_ReturnsNull()
    {
        var tokens = Create(Key);
        var bytes = Base64Url.DecodeFromChars(tokens.CreateToken("nordjylland", Address, OptOutCategory.Outreach));
        var district = System.Text.Encoding.ASCII.GetBytes("sydjylland-");

        district.CopyTo(bytes, 35);

        Assert.Null(tokens.Verify(Base64Url.EncodeToString(bytes)));
    }

    [Fact]
    public void Verify_AnotherPersonsHashUnderTheSameMac_ReturnsNull()
    {
        var tokens = Create(Key);
        var mine = Base64Url.DecodeFromChars(tokens.CreateToken("storkobenhavn", Address, OptOutCategory.All));

        Convert.FromHexString(EmailAddresses.Hash("someone.else@example.org")).CopyTo(mine, 2);

        Assert.Null(tokens.Verify(Base64Url.EncodeToString(mine)));
    }

    [Fact]
    public void Verify_TokenSignedWithAnotherKey_ReturnsNull()
    {
        var forged = Create(OtherKey).CreateToken("storkobenhavn", Address, OptOutCategory.All);

        Assert.Null(Create(Key).Verify(forged));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a token!")]
    [InlineData("AQE")]
    [InlineData("%2F%2F")]
    public void Verify_MalformedToken_ReturnsNull(string? token)
    {
        Assert.Null(Create(Key).Verify(token));
    }

    [Fact]
    public void Verify_TruncatedOrPaddedToken_ReturnsNull()
    {
        var tokens = Create(Key);
        var token = tokens.CreateToken("storkobenhavn", Address, OptOutCategory.Outreach);

        Assert.Null(tokens.Verify(token[..^4]));
        Assert.Null(tokens.Verify(token + "AAAA"));
        Assert.Null(tokens.Verify(new string('A', 10_000)));
    }

    [Fact]
    public void Verify_TokenOfAPreviousKey_IsAcceptedWhileThatKeyIsListed()
    {
        var before = Create(OtherKey).CreateToken("nordjylland", Address, OptOutCategory.Campaigns);
        var rotated = Create(Key, previousKeys: [OtherKey]);

        var claim = rotated.Verify(before);

        Assert.Equal(OptOutCategory.Campaigns, claim?.Category);
        Assert.Null(Create(Key).Verify(before));
    }

    [Fact]
    public void CreateToken_AfterRotation_SignsWithTheNewKeyOnly()
    {
        var rotated = Create(Key, previousKeys: [OtherKey]);

        var token = rotated.CreateToken("nordjylland", Address, OptOutCategory.Outreach);

        Assert.NotNull(Create(Key).Verify(token));
        Assert.Null(Create(OtherKey).Verify(token));
    }

    [Theory]
    [InlineData("Stork København")]
    [InlineData("../x")]
    public void CreateToken_InvalidDistrictCode_Throws(string district)
    {
        Assert.Throws<ArgumentException>(() => Create(Key).CreateToken(district, Address, OptOutCategory.Outreach));
    }

    [Theory]
    [InlineData(null, "http://localhost:7071", "Outreach:Unsubscribe:SigningKey")]
    [InlineData("too-short-key", "http://localhost:7071", "Outreach:Unsubscribe:SigningKey")]
    [InlineData(Key, null, "Outreach:PublicBaseUrl")]
    [InlineData(Key, "localhost:7071", "Outreach:PublicBaseUrl")]
    [InlineData(Key, "ftp://example.org", "Outreach:PublicBaseUrl")]
    public void AddOutreachUnsubscribe_InvalidSettings_FailAtStartNamingTheKey(string? key, string? baseUrl, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Unsubscribe:SigningKey"] = key,
            ["Outreach:PublicBaseUrl"] = baseUrl,
        }).Build();
        using var provider = new ServiceCollection().AddOutreachUnsubscribe(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOutreachUnsubscribe_ShortPreviousKey_FailsAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Unsubscribe:SigningKey"] = Key,
            ["Outreach:Unsubscribe:PreviousSigningKeys:0"] = "short",
            ["Outreach:PublicBaseUrl"] = "http://localhost:7071",
        }).Build();
        using var provider = new ServiceCollection().AddOutreachUnsubscribe(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("PreviousSigningKeys:0", exception.Message, StringComparison.Ordinal);
    }

    private static IUnsubscribeTokens Create(string key, string baseUrl = "http://localhost:7071", string[]? previousKeys = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outreach:Unsubscribe:SigningKey"] = key,
            ["Outreach:PublicBaseUrl"] = baseUrl,
        };
        for (var index = 0; index < (previousKeys?.Length ?? 0); index++)
        {
            settings["Outreach:Unsubscribe:PreviousSigningKeys:" + index] = previousKeys![index];
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddOutreachUnsubscribe(configuration).BuildServiceProvider().GetRequiredService<IUnsubscribeTokens>();
    }
}
