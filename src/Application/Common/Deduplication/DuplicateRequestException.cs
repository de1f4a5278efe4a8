namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// An identical request holds this request's deduplication key, so the transaction that claimed it
/// rolls back. Never an answer of its own: the deduplication middleware answers with that request's
/// outcome instead (<see cref="RequestClaim"/>).
/// </summary>
public sealed class DuplicateRequestException(string key)
    : Exception($"an identical request holds the deduplication key {key}")
{
    public string Key { get; } = key;
}
