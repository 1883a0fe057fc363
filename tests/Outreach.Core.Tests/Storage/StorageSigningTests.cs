using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Storage;
using Outreach.Core.Storage.Queues;
using Outreach.Core.Storage.Tables;

namespace Outreach.Core.Tests.Storage;

public sealed class StorageSigningTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 22, 11, 9, 40, TimeSpan.Zero);

    [Fact]
    public void Sign_KnownTableStringToSign_MatchesReferenceSignature()
    {
        // Arrange: the string the Table service expects for a query on path-style (emulator) URLs.
        var stringToSign = StorageSharedKeyPolicy.TableStringToSign(
            "Sun, 22 Nov 2026 11:09:40 GMT", "devstoreaccount1", new Uri("http://127.0.0.1:10002/devstoreaccount1/peoplea9f86d75()?$filter=x"));

        // Act
        var signature = StorageSharedKeyPolicy.Sign(StorageConnectionString.DevelopmentAccountKey, stringToSign);

        // Assert
        Assert.Equal("Sun, 22 Nov 2026 11:09:40 GMT\n/devstoreaccount1/devstoreaccount1/peoplea9f86d75()", stringToSign);
        Assert.Equal("CL/k2np72z+ruWHsPwFqIJ8q+JRzg69kgxNk9peb3wo=", signature);
    }

    [Fact]
    public void TableStringToSign_CompParameter_IsTheOnlyQueryPartSigned()
    {
        var stringToSign = StorageSharedKeyPolicy.TableStringToSign(
            "Sun, 22 Nov 2026 11:09:40 GMT", "acct", new Uri("https://acct.table.core.windows.net/?restype=service&comp=properties"));

        Assert.Equal("Sun, 22 Nov 2026 11:09:40 GMT\n/acct/?comp=properties", stringToSign);
    }

    [Fact]
    public void QueueStringToSign_PutMessage_MatchesReferenceString()
    {
        // Arrange
        var pipeline = HttpPipelineBuilder.Build(new QueueClientOptions());
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri("http://127.0.0.1:10001/devstoreaccount1/curlq1795345795/messages?messagettl=600"));
        request.Headers.SetValue("x-ms-date", "Sun, 22 Nov 2026 11:09:55 GMT");
        request.Headers.SetValue("x-ms-version", "2021-12-02");
        request.Headers.SetValue("Content-Type", "application/xml");
        request.Content = RequestContent.Create(new byte[64]);

        // Act
        var stringToSign = StorageSharedKeyPolicy.QueueStringToSign(request, "devstoreaccount1", request.Uri.ToUri());

        // Assert
        Assert.Equal(
            "POST\n\n\n64\n\napplication/xml\n\n\n\n\n\n\nx-ms-date:Sun, 22 Nov 2026 11:09:55 GMT\nx-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/curlq1795345795/messages\nmessagettl:600",
            stringToSign);
        Assert.Equal("aj5mIVcQbzZxV84kMxn7ljteDnZy46CcJrjNv7xSOao=", StorageSharedKeyPolicy.Sign(StorageConnectionString.DevelopmentAccountKey, stringToSign));
    }

    [Fact]
    public async Task QueryAsync_SharedKeyConnectionString_SendsSharedKeyLiteAndNoDateHeader()
    {
        // Arrange
        var transport = new RecordingTransport();
        var options = new TableClientOptions { Transport = transport, TimeProvider = new FakeTimeProvider(SignedAt) };
        var client = new TableClient(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + StorageConnectionString.DevelopmentAccountKey +
            ";TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1",
            "peoplea9f86d75",
            options);

        // Act
        await foreach (var _ in client.QueryAsync<TableEntity>())
        {
        }

        // Assert
        var request = Assert.Single(transport.Requests);
        Assert.Equal("SharedKeyLite devstoreaccount1:CL/k2np72z+ruWHsPwFqIJ8q+JRzg69kgxNk9peb3wo=", request.Authorization);
        Assert.Equal("Sun, 22 Nov 2026 11:09:40 GMT", request.MsDate);
        Assert.False(request.HasDateHeader);
        Assert.Equal("application/json;odata=minimalmetadata", request.Accept);
        Assert.Equal("3.0", request.DataServiceVersion);
    }

    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtTheEmulatorAccount()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
    }

    [Fact]
    public void Parse_AccountKeyWithSuffix_BuildsProductionEndpoints()
    {
        var parsed = StorageConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=stoutreach;AccountKey=a2V5;EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://stoutreach.table.core.windows.net"), parsed.TableEndpoint);
        Assert.Equal(new Uri("https://stoutreach.queue.core.windows.net"), parsed.QueueEndpoint);
    }

    [Fact]
    public void Parse_MissingKey_SaysWhatIsMissing()
    {
        var exception = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("AccountName=stoutreach"));

        Assert.Contains("AccountKey", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableServiceClient_TokenCredentialOverHttp_IsRefused()
    {
        var credential = DelegatedTokenCredential.Create((_, _) => new AccessToken("token", DateTimeOffset.MaxValue));

        var exception = Assert.Throws<ArgumentException>(() => new TableServiceClient(new Uri("http://127.0.0.1:10002/devstoreaccount1"), credential));

        Assert.Contains("https", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_TokenCredential_SendsBearerTokenForStorageScope()
    {
        // Arrange
        var transport = new RecordingTransport { Status = 201 };
        string[]? scopes = null;
        var credential = DelegatedTokenCredential.Create((context, _) =>
        {
            scopes = context.Scopes;
            return new AccessToken("entra-token", DateTimeOffset.MaxValue);
        });
        var client = new TableServiceClient(new Uri("https://stoutreach.table.core.windows.net"), credential, new TableClientOptions { Transport = transport });

        // Act
        await client.CreateTableIfNotExistsAsync("leaders");

        // Assert
        Assert.Equal(["https://storage.azure.com/.default"], scopes!);
        Assert.Equal("Bearer entra-token", Assert.Single(transport.Requests).Authorization);
        Assert.Equal("stoutreach", client.AccountName);
    }

    /// <summary>Answers every request with an empty success and remembers what was sent.</summary>
    private sealed class RecordingTransport : HttpPipelineTransport
    {
        public List<(string? Authorization, string? MsDate, bool HasDateHeader, string? Accept, string? DataServiceVersion)> Requests { get; } = [];

        public int Status { get; init; } = 200;

        public override Request CreateRequest() => new Azure.Core.Pipeline.HttpClientTransport().CreateRequest();

        public override void Process(HttpMessage message) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            var headers = message.Request.Headers;
            headers.TryGetValue("Authorization", out var authorization);
            headers.TryGetValue("x-ms-date", out var date);
            headers.TryGetValue("Accept", out var accept);
            headers.TryGetValue("DataServiceVersion", out var version);
            Requests.Add((authorization, date, headers.Contains("Date"), accept, version));
            message.Response = new CannedResponse(Status, """{"value":[]}""");
            return ValueTask.CompletedTask;
        }
    }

    private sealed class CannedResponse : Response
    {
        public CannedResponse(int status, string body)
        {
            Status = status;
            ContentStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        }

        public override int Status { get; }

        public override string ReasonPhrase => "";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
