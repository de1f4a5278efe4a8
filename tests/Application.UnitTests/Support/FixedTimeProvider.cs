namespace QuickImport.Application.UnitTests.Support;

/// <summary>A clock that always answers the same instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
