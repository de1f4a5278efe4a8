using System.Globalization;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.UnitTests.Profiles;

public sealed class ProfileIdTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Test]
    public void New_Is24LowercaseHexDigits()
    {
        var id = ProfileId.New(Now);

        Assert.That(id.Value, Does.Match("^[0-9a-f]{24}$"));
    }

    [Test]
    public void New_StartsWithTheSecondsTimestampBigEndian()
    {
        var id = ProfileId.New(Now);
        var known = ProfileId.New(DateTimeOffset.FromUnixTimeSeconds(0x0102A3F4));

        Assert.Multiple(() =>
        {
            Assert.That(id.Value[..8], Is.EqualTo(((uint)Now.ToUnixTimeSeconds()).ToString("x8", CultureInfo.InvariantCulture)));
            Assert.That(known.Value[..8], Is.EqualTo("0102a3f4"));
        });
    }

    [Test]
    public void New_ReadsTheTimestampInUtc()
    {
        var local = new DateTimeOffset(2024, 5, 6, 10, 8, 9, TimeSpan.FromHours(3));

        Assert.That(ProfileId.New(local).Value[..8], Is.EqualTo(ProfileId.New(Now).Value[..8]));
    }

    [Test]
    public void New_KeepsTheRandomBytesAndCountsUp()
    {
        var first = ProfileId.New(Now);
        var second = ProfileId.New(Now);
        var firstCounter = Convert.ToInt32(first.Value[18..], 16);
        var secondCounter = Convert.ToInt32(second.Value[18..], 16);

        Assert.Multiple(() =>
        {
            Assert.That(second.Value[8..18], Is.EqualTo(first.Value[8..18]), "the 5 random bytes are fixed per process");
            Assert.That(secondCounter, Is.EqualTo((firstCounter + 1) & 0xFFFFFF), "the 3-byte counter counts up");
        });
    }

    [Test]
    public void New_IsUniqueAcrossManyCallsInOneSecond()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => ProfileId.New(Now).Value).ToList();

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void New_IsUniqueAcrossThreads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 20_000, _ => ids.Add(ProfileId.New(Now).Value));

        Assert.That(ids.Distinct().Count(), Is.EqualTo(20_000));
    }

    [TestCase("0123456789abcdef01234567", "0123456789abcdef01234567")]
    [TestCase("0123456789ABCDEF01234567", "0123456789abcdef01234567")]
    [TestCase("663880916D2F4A1B3C000001", "663880916d2f4a1b3c000001")]
    public void TryParse_AcceptsHexInAnyCaseAndLowercases(string text, string expected)
    {
        var parsed = ProfileId.TryParse(text, out var id);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(id.Value, Is.EqualTo(expected));
            Assert.That(id.ToString(), Is.EqualTo(expected));
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("0123456789abcdef0123456")]
    [TestCase("0123456789abcdef012345678")]
    [TestCase("0123456789abcdeg01234567")]
    [TestCase("0123456789abcdef 1234567")]
    [TestCase(" 0123456789abcdef01234567")]
    [TestCase("0x23456789abcdef01234567")]
    [TestCase("０123456789abcdef01234567")]
    public void TryParse_RefusesWhatIsNot24HexDigits(string? text)
    {
        var parsed = ProfileId.TryParse(text, out var id);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(id, Is.EqualTo(default(ProfileId)));
        });
    }

    [Test]
    public void TryParse_ReadsBackWhatNewWrote()
    {
        var id = ProfileId.New(Now);

        Assert.Multiple(() =>
        {
            Assert.That(ProfileId.TryParse(id.Value, out var read), Is.True);
            Assert.That(read, Is.EqualTo(id));
        });
    }

    [Test]
    public void TryParse_UpperAndLowerCaseGiveEqualIds()
    {
        ProfileId.TryParse("ABCDEF0123456789ABCDEF01", out var upper);
        ProfileId.TryParse("abcdef0123456789abcdef01", out var lower);

        Assert.That(upper, Is.EqualTo(lower));
    }

    [Test]
    public void FromStorage_RebuildsAValidId()
    {
        Assert.That(ProfileId.FromStorage("abcdef0123456789abcdef01").Value, Is.EqualTo("abcdef0123456789abcdef01"));
    }

    [Test]
    public void FromStorage_RefusesAnInvalidId()
    {
        Assert.That(() => ProfileId.FromStorage("nope"), Throws.TypeOf<FormatException>());
    }
}
