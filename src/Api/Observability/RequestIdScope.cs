using System.Collections;

namespace QuickImport.Api.Observability;

/// <summary>The logging scope of a request: <c>RequestId</c>, as structured value and as text.</summary>
internal sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public const string Name = "RequestId";

    public int Count => 1;

    public KeyValuePair<string, object> this[int index] =>
        index == 0 ? new(Name, requestId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Name}:{requestId}";
}
