using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.UnitTests.Profiles;

public sealed class EmailAddressTests
{
    [TestCase("user@example.com", "user@example.com")]
    [TestCase("  User.Name@Example.COM \t", "User.Name@example.com")]
    [TestCase("user+tag@sub.example.co.uk", "user+tag@sub.example.co.uk")]
    [TestCase("o'brien@example.com", "o'brien@example.com")]
    [TestCase("a!#$%&'*+/=?^_`{|}~-z@example.com", "a!#$%&'*+/=?^_`{|}~-z@example.com")]
    [TestCase("first.middle.last@example.com", "first.middle.last@example.com")]
    [TestCase("user@xn--e1afmkfd.xn--p1ai", "user@xn--e1afmkfd.xn--p1ai")]
    [TestCase("user@Пример.РФ", "user@xn--e1afmkfd.xn--p1ai")]
    [TestCase("user@MÜNCHEN.de", "user@xn--mnchen-3ya.de")]
    [TestCase("Пользователь@example.com", "Пользователь@example.com")]
    [TestCase("user@a-b.c1.example", "user@a-b.c1.example")]
    [TestCase("1@2.com", "1@2.com")]
    public void TryParse_NormalizesTheDomainAndKeepsTheLocalPart(string raw, string expected)
    {
        var parsed = EmailAddress.TryParse(raw, out var address, out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True, reason);
            Assert.That(address!.Value, Is.EqualTo(expected));
            Assert.That(address.ToString(), Is.EqualTo(expected));
            Assert.That(reason, Is.Empty);
        });
    }

    [TestCase("", "is empty")]
    [TestCase("   ", "is empty")]
    [TestCase("userexample.com", "missing '@'")]
    [TestCase("@example.com", "missing the part before '@'")]
    [TestCase("user@", "missing the domain after '@'")]
    [TestCase(".user@example.com", "the part before '@' starts or ends with a dot")]
    [TestCase("user.@example.com", "the part before '@' starts or ends with a dot")]
    [TestCase("us..er@example.com", "the part before '@' has two dots in a row")]
    [TestCase("us er@example.com", "the part before '@' contains a space or a control character")]
    [TestCase("us\u0001er@example.com", "the part before '@' contains a space or a control character")]
    [TestCase("\"user\"@example.com", "the part before '@' contains '\"'")]
    [TestCase("us(er)@example.com", "the part before '@' contains '('")]
    [TestCase("us,er@example.com", "the part before '@' contains ','")]
    [TestCase("weird@name@example.com", "the part before '@' contains '@'")]
    [TestCase("user@localhost", "domain has no dot")]
    [TestCase("user@-example.com", "invalid domain")]
    [TestCase("user@example-.com", "invalid domain")]
    [TestCase("user@exa_mple.com", "invalid domain")]
    [TestCase("user@exa mple.com", "invalid domain")]
    [TestCase("user@example..com", "invalid domain")]
    [TestCase("user@.example.com", "invalid domain")]
    [TestCase("user@example.com.", "invalid domain")]
    [TestCase("user@1.2.3.4", "invalid domain")]
    [TestCase("user@[1.2.3.4]", "invalid domain")]
    [TestCase("user@exa$mple.com", "invalid domain")]
    public void TryParse_RefusesInvalidSyntaxWithAReason(string raw, string expectedReason)
    {
        var parsed = EmailAddress.TryParse(raw, out var address, out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(address, Is.Null);
            Assert.That(reason, Is.EqualTo(expectedReason));
        });
    }

    [Test]
    public void TryParse_AcceptsALocalPartOf64CharactersButNot65()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EmailAddress.TryParse(new string('a', 64) + "@example.com", out _, out _), Is.True);
            Assert.That(EmailAddress.TryParse(new string('a', 65) + "@example.com", out _, out var reason), Is.False);
            Assert.That(reason, Is.EqualTo("the part before '@' is longer than 64 characters"));
        });
    }

    [Test]
    public void TryParse_AcceptsADomainLabelOf63CharactersButNot64()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EmailAddress.TryParse($"user@{new string('a', 63)}.com", out _, out _), Is.True);
            Assert.That(EmailAddress.TryParse($"user@{new string('a', 64)}.com", out _, out var reason), Is.False);
            Assert.That(reason, Is.EqualTo("invalid domain"));
        });
    }

    [Test]
    public void TryParse_LimitsTheWholeAddressTo254Characters()
    {
        // 63 + 1 + 63 + 1 + 63 + 1 + 60 = 252 characters of domain.
        var domain = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 60)}";

        Assert.Multiple(() =>
        {
            Assert.That(EmailAddress.TryParse($"u@{domain}", out var address, out _), Is.True);
            Assert.That(address!.Value, Has.Length.EqualTo(254));
            Assert.That(EmailAddress.TryParse($"uu@{domain}", out _, out var reason), Is.False);
            Assert.That(reason, Is.EqualTo("address is longer than 254 characters"));
        });
    }

    [Test]
    public void TryParse_LimitsTheDomainTo253Characters()
    {
        var domain = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 62)}";

        Assert.Multiple(() =>
        {
            Assert.That(domain, Has.Length.EqualTo(254));
            Assert.That(EmailAddress.TryParse($"u@{domain}", out _, out var reason), Is.False);
            Assert.That(reason, Is.EqualTo("domain is longer than 253 characters"));
        });
    }

    [Test]
    public void TryParse_LimitsAUnicodeDomainByItsAsciiForm()
    {
        // 60 Cyrillic letters take 64 characters or more once converted to Punycode.
        var label = new string('ж', 60);

        Assert.Multiple(() =>
        {
            Assert.That(EmailAddress.TryParse($"user@{label}.com", out _, out var reason), Is.False);
            Assert.That(reason, Is.EqualTo("invalid domain"));
        });
    }

    [Test]
    public void Key_IsTheWholeAddressCaseFolded()
    {
        EmailAddress.TryParse("John.Doe@Example.COM", out var address, out _);

        Assert.Multiple(() =>
        {
            Assert.That(address!.Value, Is.EqualTo("John.Doe@example.com"));
            Assert.That(address.Key, Is.EqualTo("john.doe@example.com"));
        });
    }

    [Test]
    public void Key_IsTheSameForAddressesThatDifferOnlyInCase()
    {
        EmailAddress.TryParse("JOHN@EXAMPLE.COM", out var upper, out _);
        EmailAddress.TryParse("john@example.com", out var lower, out _);

        Assert.Multiple(() =>
        {
            Assert.That(upper!.Key, Is.EqualTo(lower!.Key));
            Assert.That(upper.Value, Is.Not.EqualTo(lower.Value));
        });
    }

    [Test]
    public void Key_IsTheSameForAUnicodeDomainAndItsPunycode()
    {
        EmailAddress.TryParse("user@пример.рф", out var unicode, out _);
        EmailAddress.TryParse("user@XN--E1AFMKFD.XN--P1AI", out var ascii, out _);

        Assert.That(unicode, Is.EqualTo(ascii));
    }
}
