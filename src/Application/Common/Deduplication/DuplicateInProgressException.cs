namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// An identical request still holds the key after the repeat waited for its outcome as long as it
/// may: the repeat did not run, and its client retries to get that outcome.
/// </summary>
public sealed class DuplicateInProgressException(RequestKey key)
    : Exception($"an identical request (key {key}) is still running; retry to get its outcome")
{
    public RequestKey Key { get; } = key;
}
