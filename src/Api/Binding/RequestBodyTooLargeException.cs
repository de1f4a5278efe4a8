namespace QuickImport.Api.Binding;

/// <summary>The request body is over the import endpoint's limit (HTTP 413).</summary>
public sealed class RequestBodyTooLargeException(long limit) : Exception($"the body is over {limit} bytes")
{
    public long Limit { get; } = limit;
}
