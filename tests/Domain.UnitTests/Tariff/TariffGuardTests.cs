using QuickImport.Domain.Tariff;

namespace QuickImport.Domain.UnitTests.Tariff;

public sealed class TariffGuardTests
{
    [TestCase(null, false)]
    [TestCase(null, true)]
    [TestCase(10, false)]
    [TestCase(0, false)]
    public void EnsureNotExceeded_WithinOrWithoutALimit_Passes(int? limit, bool exceeded)
    {
        Assert.That(() => TariffGuard.EnsureNotExceeded(new TariffState(limit, exceeded)), Throws.Nothing);
    }

    [TestCase(10)]
    [TestCase(0)]
    public void EnsureNotExceeded_OverALoweredLimit_Refuses(int limit)
    {
        var error = Assert.Throws<TariffExceededException>(
            () => TariffGuard.EnsureNotExceeded(new TariffState(limit, Exceeded: true)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Limit, Is.EqualTo(limit));
            Assert.That(error.Detail, Is.EqualTo($"the account holds more than its limit of {limit} profiles"));
        });
    }

    [TestCase(null, false)]
    [TestCase(null, true)]
    [TestCase(5, true)]
    public void EnsureRoomClaimed_WithoutALimitOrWithRoom_Passes(int? limit, bool claimed)
    {
        Assert.That(() => TariffGuard.EnsureRoomClaimed(new TariffState(limit, false), claimed), Throws.Nothing);
    }

    [TestCase(5)]
    [TestCase(0)]
    public void EnsureRoomClaimed_NoRoomUnderTheLimit_Refuses(int limit)
    {
        var error = Assert.Throws<TariffLimitReachedException>(
            () => TariffGuard.EnsureRoomClaimed(new TariffState(limit, false), claimed: false));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Limit, Is.EqualTo(limit));
            Assert.That(error.Detail, Is.EqualTo($"the account holds its limit of {limit} profiles"));
        });
    }
}
