using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Applications;

namespace Serverless.Workflows.Tests.Applications;

/// <summary>The body limit holds when the client sends no Content-Length (chunked): reading stops at the limit.</summary>
public class JsonBodyTests
{
    [Fact]
    public async Task Chunked_body_over_the_limit_is_refused_without_reading_the_rest()
    {
        var endless = new EndlessStream(failAfterBytes: 4 * JsonBody.MaxBytes);
        var request = new DefaultHttpContext().Request;
        request.Body = endless;

        var body = await JsonBody.ReadBytesAsync(request, JsonBody.MaxBytes, default);

        Assert.Null(body);
        Assert.Equal(JsonBody.MaxBytes + 1, endless.BytesRead);
    }

    [Fact]
    public async Task Chunked_body_at_the_limit_is_read_whole()
    {
        var bytes = new byte[JsonBody.MaxBytes];
        Random.Shared.NextBytes(bytes);
        var request = new DefaultHttpContext().Request;
        request.Body = new TrickleStream(bytes);

        Assert.Equal(bytes, await JsonBody.ReadBytesAsync(request, JsonBody.MaxBytes, default));
    }

    /// <summary>A chunked upload that never ends; it fails the test if read far past the limit.</summary>
    private sealed class EndlessStream(long failAfterBytes) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (BytesRead > failAfterBytes)
                throw new InvalidOperationException($"Read {BytesRead:N0} bytes of a body whose limit is {JsonBody.MaxBytes:N0}.");
            buffer.AsSpan(offset, count).Fill((byte)'a');
            BytesRead += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Hands out a few bytes per read, as a network does.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
