namespace QuickImport.Domain.Common;

/// <summary>
/// A value read by a statement that travels with the transaction's next query, so that it costs no
/// round trip of its own. It is known once that query has run; reading it sooner is a programming
/// error, never a wait.
/// </summary>
public sealed class Deferred<T>
{
    private T? value;
    private bool known;

    public T Value => known
        ? value!
        : throw new InvalidOperationException("Read before the statement that reads it was sent: run the transaction's next query first.");

    public void Resolve(T result)
    {
        value = result;
        known = true;
    }
}
