namespace QuickImport.Infrastructure.Persistence.Diagnostics;

/// <summary>
/// How many commands (one round trip each; a batch is one) this scope sent to PostgreSQL: EF Core's
/// through <see cref="RoundTripCountingInterceptor"/>, the hand-written SQL's through <see cref="SqlSession"/>.
/// Read by the metrics of an import when it is answered.
/// </summary>
public sealed class DatabaseRoundTrips
{
    private int count;

    public int Count => Volatile.Read(ref count);

    internal void Add() => Interlocked.Increment(ref count);
}
