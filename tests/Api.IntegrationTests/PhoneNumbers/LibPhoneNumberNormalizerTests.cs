using QuickImport.Infrastructure.PhoneNumbers;

namespace QuickImport.Api.IntegrationTests.PhoneNumbers;

public sealed class LibPhoneNumberNormalizerTests
{
    private readonly LibPhoneNumberNormalizer normalizer = new();

    [TestCase("+7 495 123-45-67", "RU", "+74951234567")]
    [TestCase("+74951234567", "RU", "+74951234567")]
    [TestCase("8 (495) 123-45-67", "RU", "+74951234567")]
    [TestCase("8 495 123 45 67", "RU", "+74951234567")]
    [TestCase("(495) 123-45-67", "RU", "+74951234567")]
    [TestCase("8 (912) 345-67-89", "RU", "+79123456789")]
    [TestCase("89123456789", "RU", "+79123456789")]
    [TestCase("(650) 253-0000", "US", "+16502530000")]
    [TestCase("650.253.0000", "US", "+16502530000")]
    [TestCase("1-650-253-0000", "US", "+16502530000")]
    [TestCase("020 7946 0958", "GB", "+442079460958")]
    [TestCase("030 123456", "DE", "+4930123456")]
    public void TryNormalize_ReadsANationalNumberInTheRegionAndWritesE164(string raw, string region, string expected)
    {
        var normalized = normalizer.TryNormalize(raw, region, out var e164);

        Assert.Multiple(() =>
        {
            Assert.That(normalized, Is.True);
            Assert.That(e164, Is.EqualTo(expected));
        });
    }

    [TestCase("RU")]
    [TestCase("US")]
    [TestCase("DE")]
    [TestCase("ru")]
    [TestCase("")]
    public void TryNormalize_ANumberWithACountryCode_IgnoresTheRegion(string region)
    {
        var normalized = normalizer.TryNormalize("+1 650-253-0000", region, out var e164);

        Assert.Multiple(() =>
        {
            Assert.That(normalized, Is.True);
            Assert.That(e164, Is.EqualTo("+16502530000"));
        });
    }

    [TestCase("00 44 20 7946 0958", "DE", "+442079460958")]
    [TestCase("011 44 20 7946 0958", "US", "+442079460958")]
    [TestCase("8 10 44 20 7946 0958", "RU", "+442079460958")]
    public void TryNormalize_AnInternationalPrefixOfTheRegion_IgnoresTheRegion(string raw, string region, string expected)
    {
        var normalized = normalizer.TryNormalize(raw, region, out var e164);

        Assert.Multiple(() =>
        {
            Assert.That(normalized, Is.True);
            Assert.That(e164, Is.EqualTo(expected));
        });
    }

    [Test]
    public void TryNormalize_TheSameDigitsInAnotherRegion_AreAnotherNumber()
    {
        normalizer.TryNormalize("495 123 45 67", "RU", out var russian);
        var american = normalizer.TryNormalize("495 123 45 67", "US", out _);

        Assert.Multiple(() =>
        {
            Assert.That(russian, Is.EqualTo("+74951234567"));
            Assert.That(american, Is.False, "495 is not a US area code");
        });
    }

    [TestCase("4951234567", "")]
    [TestCase("4951234567", "ZZ")]
    public void TryNormalize_WithoutACountryCodeOrRegion_Refuses(string raw, string region)
    {
        Assert.That(normalizer.TryNormalize(raw, region, out _), Is.False);
    }

    [TestCase("12", "RU")]
    [TestCase("+7 495 123", "RU")]
    [TestCase("+7 495 123 45 67 89 01", "RU")]
    [TestCase("123456789012345678", "US")]
    [TestCase("+1 650 253 00", "US")]
    public void TryNormalize_AnImpossibleNumber_Refuses(string raw, string region)
    {
        var normalized = normalizer.TryNormalize(raw, region, out var e164);

        Assert.Multiple(() =>
        {
            Assert.That(normalized, Is.False);
            Assert.That(e164, Is.Empty);
        });
    }

    [TestCase("+7 000 000-00-00", "RU")]
    [TestCase("+1 555 555 5555", "US")]
    [TestCase("+1 123 456 7890", "US")]
    [TestCase("+999 1234 5678", "RU")]
    public void TryNormalize_APossibleButInvalidNumber_Refuses(string raw, string region)
    {
        Assert.That(normalizer.TryNormalize(raw, region, out _), Is.False);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("hello")]
    [TestCase("not a phone")]
    [TestCase("+")]
    [TestCase("---")]
    [TestCase("@#$%^&*")]
    [TestCase("john@example.com")]
    public void TryNormalize_Garbage_Refuses(string raw)
    {
        Assert.That(normalizer.TryNormalize(raw, "RU", out _), Is.False);
    }

    [Test]
    public void TryNormalize_AnOverlongInput_Refuses()
    {
        Assert.That(normalizer.TryNormalize(new string('1', 300), "RU", out _), Is.False);
    }

    [Test]
    public void TryNormalize_AnUnknownRegion_RefusesANationalNumber()
    {
        Assert.That(normalizer.TryNormalize("(495) 123-45-67", "XX", out _), Is.False);
    }

    [Test]
    public void TryNormalize_IsSafeAcrossThreads()
    {
        var results = new string[1_000];

        Parallel.For(0, results.Length, i => normalizer.TryNormalize("8 (495) 123-45-67", "RU", out results[i]));

        Assert.That(results, Is.All.EqualTo("+74951234567"));
    }
}
