using Microsoft.AspNetCore.Http;
using Outreach.Functions.Http;

namespace Outreach.Functions.Tests.Refusals;

/// <summary>The bounded body reader never buffers more than one byte past its limit, whatever the client sends.</summary>
public sealed class RequestBodiesTests
{
    [Fact]
    public async Task ReadAsync_EndlessBodyWithoutLength_StopsOneBytePastTheLimit()
    {
        // Arrange
        var endless = new EndlessStream();
        var http = new DefaultHttpContext();
        http.Request.Body = endless;

        // Act
        var body = await RequestBodies.ReadAsync(http.Request, 1000, default);

        // Assert
        Assert.Null(body);
        Assert.Equal(1001, endless.BytesRead);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverTheLimit_ReadsNothing()
    {
        // Arrange
        var endless = new EndlessStream();
        var http = new DefaultHttpContext();
        http.Request.Body = endless;
        http.Request.ContentLength = 5000;

        // Act
        var body = await RequestBodies.ReadAsync(http.Request, 1000, default);

        // Assert
        Assert.Null(body);
        Assert.Equal(0, endless.BytesRead);
    }

    [Fact]
    public async Task ReadAsync_BodyOfExactlyTheLimit_IsReadWhole()
    {
        // Arrange
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(new byte[1000]);

        // Act
        var body = await RequestBodies.ReadAsync(http.Request, 1000, default);

        // Assert
        Assert.Equal(1000, body?.Length);
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'x', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
