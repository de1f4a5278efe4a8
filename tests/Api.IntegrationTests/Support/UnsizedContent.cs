using System.Net;
using System.Net.Http.Headers;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>A body sent without a Content-Length (chunked), so only reading it shows its size.</summary>
public sealed class UnsizedContent : HttpContent
{
    private readonly byte[] bytes;

    public UnsizedContent(byte[] bytes, string mediaType)
    {
        this.bytes = bytes;
        Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
