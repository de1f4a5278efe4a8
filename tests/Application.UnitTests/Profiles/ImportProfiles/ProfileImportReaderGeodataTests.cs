using System.Net;
using Microsoft.Extensions.Options;
using Moq;
using QuickImport.Application.Common.Configuration;
using QuickImport.Application.Common.Geo;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Application.UnitTests.Support;
using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Profiles;

namespace QuickImport.Application.UnitTests.Profiles.ImportProfiles;

/// <summary>SPEC §3, §4: an IPv4 <c>_regip</c> fills the geodata the request does not send, and gives phones their region.</summary>
public sealed class ProfileImportReaderGeodataTests
{
    private const string MoscowIp = "77.88.55.242";
    private const string BerlinIp = "81.169.145.105";
    private const string UnknownIp = "10.1.2.3";
    private const string NationalNumber = "8 (495) 123-45-67";

    private static readonly GeoLocation Moscow = new("RU", "Moscow", "Moscow", "101000", "Europe/Moscow");
    private static readonly GeoLocation Berlin = new("DE", "Berlin", "Berlin", null, null);

    private Mock<IGeoLocator> geoLocator = null!;
    private Mock<IPhoneNumberNormalizer> phoneNumbers = null!;
    private ProfileImportReader reader = null!;
    private ProfileDatabase database = null!;

    [SetUp]
    public void SetUp()
    {
        geoLocator = new Mock<IGeoLocator>(MockBehavior.Strict);
        geoLocator.Setup(g => g.Locate(IPAddress.Parse(MoscowIp))).Returns(Moscow);
        geoLocator.Setup(g => g.Locate(IPAddress.Parse(BerlinIp))).Returns(Berlin);
        geoLocator.Setup(g => g.Locate(IPAddress.Parse(UnknownIp))).Returns((GeoLocation?)null);

        // The normalizer answers per region, so the region a number was read in shows in the result.
        phoneNumbers = new Mock<IPhoneNumberNormalizer>(MockBehavior.Strict);
        phoneNumbers
            .Setup(p => p.TryNormalize(It.IsAny<string>(), It.IsAny<string>(), out It.Ref<string>.IsAny))
            .Returns(new NormalizeInRegion((string raw, string region, out string e164) =>
            {
                e164 = $"{region}:{raw}";
                return true;
            }));

        reader = new ProfileImportReader(
            new FieldValueParser(phoneNumbers.Object),
            geoLocator.Object,
            Options.Create(new QuickImportSettings { DefaultPhoneRegion = "US" }));
        database = new ProfileDatabase(11, "Customers");
        database.AddField(new FieldDefinition("work_phone", FieldType.Phone));
    }

    private delegate bool NormalizeInRegion(string raw, string region, out string e164);

    // ---- the mapping from a location to fields ----

    [Test]
    public void Read_IPv4RegistrationIp_FillsEveryGeodataFieldTheDatabaseKnows()
    {
        var import = Read(("email", "ann@example.com"), ("_regip", MoscowIp));

        Assert.That(Fields(import), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["_regip"] = MoscowIp,
            ["_regcountry"] = "RU",
            ["_region"] = "Moscow",
            ["_regcity"] = "Moscow",
            ["_postal_code"] = "101000",
            ["_tz"] = "Europe/Moscow",
        }));
    }

    [Test]
    public void Read_ValuesTheDatabaseLacks_LeaveTheirFieldsOut()
    {
        var import = Read(("email", "ann@example.com"), ("_regip", BerlinIp));

        Assert.Multiple(() =>
        {
            Assert.That(Fields(import)["_regcountry"], Is.EqualTo("DE"));
            Assert.That(Fields(import)["_regcity"], Is.EqualTo("Berlin"));
            Assert.That(import.Changes.Fields, Does.Not.ContainKey("_postal_code"));
            Assert.That(import.Changes.Fields, Does.Not.ContainKey("_tz"));
        });
    }

    [Test]
    public void Read_AddressTheDatabaseDoesNotKnow_LeavesTheGeodataOut()
    {
        var import = Read(("email", "ann@example.com"), ("_regip", UnknownIp));

        Assert.That(import.Changes.Fields.Keys, Is.EquivalentTo(new[] { "_regip" }));
    }

    [Test]
    public void Read_WithoutADatabase_StoresTheIpAndNoGeodata()
    {
        var unavailable = new Mock<IGeoLocator>();
        unavailable.Setup(g => g.IsAvailable).Returns(false);
        var withoutDatabase = new ProfileImportReader(
            new FieldValueParser(phoneNumbers.Object),
            unavailable.Object,
            Options.Create(new QuickImportSettings { DefaultPhoneRegion = "US" }));
        var command = QuickImportRequest.Command(
            "token", TestRequestParameters.Of(("email", "ann@example.com"), ("_regip", MoscowIp), ("phone", NationalNumber)), referer: null);

        var import = withoutDatabase.Read(command.Request, database, command.Request.Items[0]);

        Assert.Multiple(() =>
        {
            Assert.That(import.Changes.Fields.Keys, Is.EquivalentTo(new[] { "_regip" }));
            Assert.That(import.Changes.Phones.SingleOrDefault(), Is.EqualTo($"US:{NationalNumber}"));
        });
    }

    // ---- never overwrite what the request sends ----

    [Test]
    public void Read_GeodataTheRequestSends_IsNeverOverwritten()
    {
        var import = Read(
            ("email", "ann@example.com"),
            ("_regip", MoscowIp),
            ("_regcountry", "KZ"),
            ("_regcity", "Almaty"),
            ("_tz", "Asia/Almaty"));

        Assert.That(Fields(import), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["_regip"] = MoscowIp,
            ["_regcountry"] = "KZ",
            ["_regcity"] = "Almaty",
            ["_tz"] = "Asia/Almaty",
            ["_region"] = "Moscow",
            ["_postal_code"] = "101000",
        }));
    }

    [Test]
    public void Read_GeodataSentEmpty_IsFilledLikeGeodataNotSent()
    {
        // An empty value means "not set" (SPEC §1), so the database's value is the only one there is.
        var import = Read(("email", "ann@example.com"), ("_regip", MoscowIp), ("_regcity", string.Empty));

        Assert.That(Fields(import)["_regcity"], Is.EqualTo("Moscow"));
    }

    [Test]
    public void Read_CallerCountryAndCity_AreNotGeodataAndStayAsSent()
    {
        var import = Read(("email", "ann@example.com"), ("_regip", MoscowIp), ("_country", "FR"), ("_city", "Paris"));

        Assert.Multiple(() =>
        {
            Assert.That(Fields(import)["_country"], Is.EqualTo("FR"));
            Assert.That(Fields(import)["_city"], Is.EqualTo("Paris"));
            Assert.That(Fields(import)["_regcountry"], Is.EqualTo("RU"));
        });
    }

    // ---- which addresses are looked up ----

    [Test]
    public void Read_IPv6RegistrationIp_IsStoredButNotLookedUp()
    {
        var import = Read(("email", "ann@example.com"), ("_regip", "2a02:6b8::2:242"));

        Assert.That(Fields(import), Is.EquivalentTo(new Dictionary<string, string> { ["_regip"] = "2a02:6b8::2:242" }));
        geoLocator.Verify(g => g.Locate(It.IsAny<IPAddress>()), Times.Never);
    }

    [Test]
    public void Read_IPv4MappedIPv6RegistrationIp_IsNotLookedUp()
    {
        Read(("email", "ann@example.com"), ("_regip", "::ffff:77.88.55.242"));

        geoLocator.Verify(g => g.Locate(It.IsAny<IPAddress>()), Times.Never);
    }

    [Test]
    public void Read_OtherIpField_IsNotLookedUp()
    {
        var import = Read(("email", "ann@example.com"), ("_ip", MoscowIp));

        Assert.That(import.Changes.Fields.Keys, Is.EquivalentTo(new[] { "_ip" }));
        geoLocator.Verify(g => g.Locate(It.IsAny<IPAddress>()), Times.Never);
    }

    [TestCase("999.1.1.1")]
    [TestCase("77.88.55")]
    [TestCase("077.88.55.242")]
    [TestCase("moscow")]
    public void Read_InvalidRegistrationIp_IsRefusedNamingItWithoutALookup(string value)
    {
        var error = Assert.Throws<InvalidValueException>(() => Read(("email", "ann@example.com"), ("_regip", value)));

        Assert.That(error!.Field, Is.EqualTo("_regip"));
        geoLocator.Verify(g => g.Locate(It.IsAny<IPAddress>()), Times.Never);
    }

    // ---- the region of phone numbers ----

    [Test]
    public void Read_Phone_IsReadInTheRegistrationIpsCountry()
    {
        var import = Read(("phone", NationalNumber), ("_regip", MoscowIp));

        Assert.That(import.Changes.Phones.SingleOrDefault(), Is.EqualTo($"RU:{NationalNumber}"));
    }

    [Test]
    public void Read_PhoneFieldOfTheDatabase_IsReadInTheRegistrationIpsCountryToo()
    {
        var import = Read(("email", "ann@example.com"), ("work_phone", "030 12345678"), ("_regip", BerlinIp));

        Assert.That(Fields(import)["work_phone"], Is.EqualTo("DE:030 12345678"));
    }

    [Test]
    public void Read_Phone_IsReadInTheLookedUpCountryEvenWhenTheRequestSendsAnother()
    {
        // SPEC §4 names the _regip's country; a _regcountry the caller sends is stored, not used for phones.
        var import = Read(("phone", NationalNumber), ("_regip", MoscowIp), ("_regcountry", "DE"));

        Assert.Multiple(() =>
        {
            Assert.That(import.Changes.Phones.SingleOrDefault(), Is.EqualTo($"RU:{NationalNumber}"));
            Assert.That(Fields(import)["_regcountry"], Is.EqualTo("DE"));
        });
    }

    [TestCase(UnknownIp)]
    [TestCase("2a02:6b8::2:242")]
    public void Read_Phone_IsReadInTheDefaultRegionWhenTheCountryIsUnknown(string ip)
    {
        var import = Read(("phone", NationalNumber), ("_regip", ip));

        Assert.That(import.Changes.Phones.SingleOrDefault(), Is.EqualTo($"US:{NationalNumber}"));
    }

    [Test]
    public void Read_Phone_IsReadInTheDefaultRegionWithoutARegistrationIp()
    {
        var import = Read(("phone", NationalNumber));

        Assert.That(import.Changes.Phones.SingleOrDefault(), Is.EqualTo($"US:{NationalNumber}"));
    }

    [Test]
    public void Read_Phone_IsReadInTheDefaultRegionWhenTheLocationHasNoCountry()
    {
        geoLocator.Setup(g => g.Locate(IPAddress.Parse(UnknownIp))).Returns(new GeoLocation(null, null, "Nowhere", null, null));

        var import = Read(("phone", NationalNumber), ("_regip", UnknownIp));

        Assert.Multiple(() =>
        {
            Assert.That(import.Changes.Phones.SingleOrDefault(), Is.EqualTo($"US:{NationalNumber}"));
            Assert.That(Fields(import)["_regcity"], Is.EqualTo("Nowhere"));
            Assert.That(import.Changes.Fields, Does.Not.ContainKey("_regcountry"));
        });
    }

    [Test]
    public void Read_MatchingByPhone_SearchesTheNumberAsReadInTheRegistrationIpsCountry()
    {
        var import = Read(("matching", "phone"), ("phone", NationalNumber), ("_regip", MoscowIp));

        Assert.That(import.Criteria.Phones.SingleOrDefault(), Is.EqualTo($"RU:{NationalNumber}"));
    }

    private ItemImport Read(params (string Name, string Value)[] parameters)
    {
        var command = QuickImportRequest.Command("token", TestRequestParameters.Of(parameters), referer: null);
        return reader.Read(command.Request, database, command.Request.Items[0]);
    }

    private static Dictionary<string, string> Fields(ItemImport import) =>
        import.Changes.Fields.ToDictionary(f => f.Key, f => f.Value.GetValue<string>(), StringComparer.Ordinal);
}
