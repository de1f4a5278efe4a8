using QuickImport.Domain.Common;

namespace QuickImport.Domain.UnitTests.Common;

public sealed class DeferredTests
{
    [Test]
    public void Value_BeforeItsStatementRan_ThrowsInsteadOfWaiting()
    {
        var deferred = new Deferred<int>();

        Assert.That(() => deferred.Value, Throws.InvalidOperationException);
    }

    [Test]
    public void Value_OnceResolved_IsWhatTheStatementRead()
    {
        var deferred = new Deferred<string>();

        deferred.Resolve("read");

        Assert.That(deferred.Value, Is.EqualTo("read"));
    }
}
