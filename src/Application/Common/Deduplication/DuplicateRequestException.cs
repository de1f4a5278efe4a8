namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// An identical request holds this request's deduplication key, so the transaction that claimed it
/// rolls back. Never an answer of its own: the request is answered with that request's outcome instead.
/// </summary>
public sealed class DuplicateRequestException(RequestKey key)
    : Exception($"an identical request holds the deduplication key {key}")
{
    public RequestKey Key { get; } = key;
}
