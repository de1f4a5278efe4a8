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
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;

namespace QuickImport.Application.UnitTests.Profiles.ImportProfiles;

public sealed class ProfileImportReaderTests
{
    private const int AccountId = 11;
    private const string RawPhone = "8 (912) 345-67-89";
    private const string NormalizedPhone = "+79123456789";
    private const string Referer = "https://shop.example.com/signup";

    private Mock<IPhoneNumberNormalizer> phoneNumbers = null!;
    private ProfileImportReader reader = null!;
    private ProfileDatabase database = null!;

    [SetUp]
    public void SetUp()
    {
        phoneNumbers = new Mock<IPhoneNumberNormalizer>(MockBehavior.Loose);
        var e164 = NormalizedPhone;
        phoneNumbers.Setup(p => p.TryNormalize(RawPhone, "RU", out e164)).Returns(true);
        reader = new ProfileImportReader(
            new FieldValueParser(phoneNumbers.Object),
            Mock.Of<IGeoLocator>(),
            Options.Create(new QuickImportSettings { DefaultPhoneRegion = "RU" }));

        database = new ProfileDatabase(AccountId, "Customers");
        database.AddField(new FieldDefinition("loyalty_card", FieldType.String, IsUnique: true));
        database.AddField(new FieldDefinition("crm_id", FieldType.Int, IsUnique: true));
        database.AddField(new FieldDefinition("age", FieldType.Int));
        database.AddField(new FieldDefinition("interests", FieldType.Tags));
    }

    // ---- field names ----

    [Test]
    public void Read_UnknownField_IsRefusedNamingIt()
    {
        var error = Assert.Throws<InvalidValueException>(() => Read(("email", "ann@example.com"), ("bogus", "1")));

        Assert.That(error!.Field, Is.EqualTo("bogus"));
    }

    [Test]
    public void Read_UnknownFieldWithAnEmptyValue_IsStillRefusedNamingIt()
    {
        // SPEC §1: "an unknown name is a 400" — the rule is on the name, whatever the value.
        var error = Assert.Throws<InvalidValueException>(() => Read(("email", "ann@example.com"), ("bogus", string.Empty)));

        Assert.That(error!.Field, Is.EqualTo("bogus"));
    }

    [Test]
    public void Read_FieldNamesAreCaseSensitive()
    {
        var error = Assert.Throws<InvalidValueException>(() => Read(("email", "ann@example.com"), ("_FNAME", "Ann")));

        Assert.That(error!.Field, Is.EqualTo("_FNAME"));
    }

    [Test]
    public void Read_RegistrationDate_IsRefusedBecauseTheServerSetsIt()
    {
        var error = Assert.Throws<InvalidValueException>(
            () => Read(("email", "ann@example.com"), ("_regdate", "2024-01-02T03:04:05Z")));

        Assert.That(error!.Field, Is.EqualTo("_regdate"));
    }

    [Test]
    public void Read_PhonesField_IsRefusedInFavourOfThePhoneParameter()
    {
        var error = Assert.Throws<InvalidValueException>(() => Read(("email", "ann@example.com"), ("phones", NormalizedPhone)));

        Assert.That(error!.Field, Is.EqualTo("phones"));
    }

    [TestCase("age", "thirty")]
    [TestCase("crm_id", "1.5")]
    [TestCase("_bdate", "1990-02-30")]
    [TestCase("_regip", "999.1.1.1")]
    public void Read_ValueThatDoesNotParseForItsType_IsRefusedNamingTheField(string name, string value)
    {
        var error = Assert.Throws<InvalidValueException>(() => Read(("email", "ann@example.com"), (name, value)));

        Assert.That(error!.Field, Is.EqualTo(name));
    }

    [Test]
    public void Read_ControlParameters_AreNotFields()
    {
        var import = Read(
            ("token", "secret"),
            ("db_id", "1"),
            ("matching", "email"),
            ("resource_id", "5"),
            ("trigger_id", "6"),
            ("workflow_id", "7"),
            ("request_id", "r-1"),
            ("email", "ann@example.com"));

        Assert.That(import.Changes.Fields, Is.Empty);
    }

    // ---- empty values ----

    [Test]
    public void Read_EmptyValues_AreLeftOut()
    {
        var import = Read(
            ("email", "ann@example.com"),
            ("_fname", string.Empty),
            ("age", string.Empty),
            ("interests", string.Empty),
            ("phone", string.Empty),
            ("_lname", "Smith"));

        Assert.Multiple(() =>
        {
            Assert.That(import.Changes.Fields.Keys, Is.EquivalentTo(new[] { "_lname" }));
            Assert.That(import.Changes.Phones.SingleOrDefault(), Is.Null);
            Assert.That(import.Changes.Email!.Value, Is.EqualTo("ann@example.com"));
        });
    }

    [Test]
    public void Read_OnlyEmptyValues_IsRefusedAsSettingNoField()
    {
        var error = Assert.Throws<InvalidValueException>(
            () => Read(("db_id", "1"), ("email", string.Empty), ("phone", string.Empty), ("_fname", string.Empty)));

        Assert.That(error!.Field, Is.EqualTo("fields"));
    }

    [Test]
    public void Read_OnlyControlParameters_IsRefusedAsSettingNoField()
    {
        var error = Assert.Throws<InvalidValueException>(() => Read(("db_id", "1"), ("request_id", "r-1")));

        Assert.That(error!.Field, Is.EqualTo("fields"));
    }

    // ---- email, phone and unique values ----

    [Test]
    public void Read_Email_IsNormalizedIntoTheChangesAndAUniqueValue()
    {
        var import = Read(("email", "  John.Doe@EXAMPLE.Com "));

        Assert.Multiple(() =>
        {
            Assert.That(import.Changes.Email!.Value, Is.EqualTo("John.Doe@example.com"));
            Assert.That(import.Changes.Fields, Does.Not.ContainKey("email"));
            Assert.That(import.Changes.UniqueValues, Is.EqualTo(new[] { new UniqueValue("email", "john.doe@example.com") }));
        });
    }

    [Test]
    public void Read_InvalidEmail_IsRefusedNamingIt()
    {
        var error = Assert.Throws<InvalidValueException>(() => Read(("email", "ann.example.com")));

        Assert.That(error!.Field, Is.EqualTo("email"));
    }

    [Test]
    public void Read_Phone_IsNormalizedInTheDefaultRegion()
    {
        var import = Read(("phone", RawPhone));

        Assert.Multiple(() =>
        {
            Assert.That(import.Changes.Phones.SingleOrDefault(), Is.EqualTo(NormalizedPhone));
            Assert.That(import.Changes.Fields, Does.Not.ContainKey("phone"));
            Assert.That(import.Changes.Fields, Does.Not.ContainKey("phones"));
        });
        phoneNumbers.Verify(p => p.TryNormalize(RawPhone, "RU", out It.Ref<string>.IsAny), Times.Once);
    }

    [Test]
    public void Read_PhoneTheNormalizerRefuses_IsRefusedNamingPhone()
    {
        var error = Assert.Throws<InvalidValueException>(() => Read(("phone", "12")));

        Assert.That(error!.Field, Is.EqualTo("phone"));
    }

    [Test]
    public void Read_UniqueCustomFields_GiveUniqueValuesInComparisonForm()
    {
        var import = Read(("loyalty_card", "ABC-1"), ("crm_id", "042"), ("age", "30"));

        Assert.Multiple(() =>
        {
            Assert.That(
                import.Changes.UniqueValues,
                Is.EquivalentTo(new[] { new UniqueValue("loyalty_card", "ABC-1"), new UniqueValue("crm_id", "42") }));
            Assert.That(import.Changes.Fields["crm_id"]!.GetValue<long>(), Is.EqualTo(42));
            Assert.That(import.Changes.Fields["age"]!.GetValue<long>(), Is.EqualTo(30));
        });
    }

    [Test]
    public void Read_NoUniqueFieldSent_HasNoUniqueValues()
    {
        var import = Read(("_fname", "Ann"), ("age", "30"));

        Assert.That(import.Changes.UniqueValues, Is.Empty);
    }

    [Test]
    public void Read_RepeatedTagsValues_AreCollected()
    {
        var import = Read(("email", "ann@example.com"), ("interests", "sport"), ("interests", "music|art"));

        Assert.That(
            import.Changes.Fields["interests"]!.AsArray().Select(n => n!.GetValue<string>()),
            Is.EqualTo(new[] { "sport", "music", "art" }));
    }

    // ---- Referer ----

    [Test]
    public void Read_RefererWithoutRegistrationUrl_FillsRegistrationUrl()
    {
        var import = ReadWithReferer(Referer, ("email", "ann@example.com"));

        Assert.That(import.Changes.Fields["_regurl"]!.GetValue<string>(), Is.EqualTo(Referer));
    }

    [Test]
    public void Read_RefererWithEmptyRegistrationUrl_FillsRegistrationUrl()
    {
        var import = ReadWithReferer(Referer, ("email", "ann@example.com"), ("_regurl", string.Empty));

        Assert.That(import.Changes.Fields["_regurl"]!.GetValue<string>(), Is.EqualTo(Referer));
    }

    [Test]
    public void Read_RefererWithRegistrationUrl_KeepsTheSentUrl()
    {
        var import = ReadWithReferer(Referer, ("email", "ann@example.com"), ("_regurl", "https://landing.example.com/"));

        Assert.That(import.Changes.Fields["_regurl"]!.GetValue<string>(), Is.EqualTo("https://landing.example.com/"));
    }

    // Kestrel refuses a NUL byte in a header; behind another server it must still not reach PostgreSQL.
    [TestCase('\0', StorableText.NulCharacter)]
    [TestCase((char)0xD800, StorableText.UnpairedSurrogate)]
    public void Read_RefererThatCannotBeStored_IsRefusedNamingTheHeader(char flaw, string reason)
    {
        var referer = $"{Referer}{flaw}";

        var error = Assert.Throws<InvalidValueException>(() => ReadWithReferer(referer, ("email", "ann@example.com")));

        Assert.That(error!.Field, Is.EqualTo("Referer"));
        Assert.That(error.Detail, Is.EqualTo($"Referer: {reason}"));
    }

    [TestCase(null)]
    [TestCase("")]
    public void Read_NoReferer_LeavesRegistrationUrlOut(string? referer)
    {
        var import = ReadWithReferer(referer, ("email", "ann@example.com"));

        Assert.That(import.Changes.Fields, Does.Not.ContainKey("_regurl"));
    }

    // ---- field matching ----

    [TestCase("field_name")]
    [TestCase("custom")]
    public void Read_FieldMatching_UsesTheFieldsOwnParameter(string matching)
    {
        var import = Read(("matching", matching), ("field_name", "loyalty_card"), ("loyalty_card", "ABC-1"), ("field_value", "XYZ-9"));

        Assert.Multiple(() =>
        {
            Assert.That(import.Criteria.Mode, Is.EqualTo(MatchingMode.Field));
            Assert.That(import.Criteria.Field!.Field, Is.EqualTo("loyalty_card"));
            Assert.That(import.Criteria.Field.Key, Is.EqualTo("ABC-1"));
            Assert.That(import.Criteria.Field.Token, Is.EqualTo("loyalty_card=ABC-1"));
            Assert.That(import.Changes.FieldKeys["loyalty_card"], Is.EqualTo("ABC-1"));
            Assert.That(import.Changes.Fields["loyalty_card"]!.GetValue<string>(), Is.EqualTo("ABC-1"));
        });
    }

    [Test]
    public void Read_FieldMatchingWithoutTheFieldsParameter_UsesFieldValueAndSetsTheField()
    {
        var import = Read(("matching", "field_name"), ("field_name", "crm_id"), ("field_value", "0042"));

        Assert.Multiple(() =>
        {
            Assert.That(import.Criteria.Field!.Field, Is.EqualTo("crm_id"));
            Assert.That(import.Criteria.Field.Key, Is.EqualTo("42"));
            Assert.That(import.Changes.Fields["crm_id"]!.GetValue<long>(), Is.EqualTo(42));
            Assert.That(import.Changes.UniqueValues, Is.EqualTo(new[] { new UniqueValue("crm_id", "42") }));
        });
    }

    [Test]
    public void Read_FieldMatchingWithAnEmptyFieldParameter_UsesFieldValue()
    {
        var import = Read(("matching", "field_name"), ("field_name", "age"), ("age", string.Empty), ("field_value", "30"));

        Assert.Multiple(() =>
        {
            Assert.That(import.Criteria.Field!.Key, Is.EqualTo("30"));
            Assert.That(import.Changes.FieldKeys["age"], Is.EqualTo("30"));
            Assert.That(import.Changes.Fields["age"]!.GetValue<long>(), Is.EqualTo(30));
        });
    }

    [Test]
    public void Read_FieldMatchingOnEmail_MatchesTheNormalizedEmail()
    {
        var import = Read(("matching", "field_name"), ("field_name", "email"), ("field_value", " Ann@EXAMPLE.com"));

        Assert.Multiple(() =>
        {
            Assert.That(import.Criteria.Field!.Field, Is.EqualTo("email"));
            Assert.That(import.Criteria.Field.Key, Is.EqualTo("ann@example.com"));
            Assert.That(import.Changes.Email!.Value, Is.EqualTo("Ann@example.com"));
        });
    }

    [Test]
    public void Read_FieldValueWithoutFieldMatching_SetsNoField()
    {
        var import = Read(("email", "ann@example.com"), ("field_name", "age"), ("field_value", "30"));

        Assert.Multiple(() =>
        {
            Assert.That(import.Criteria.Field, Is.Null);
            Assert.That(import.Changes.Fields, Does.Not.ContainKey("age"));
        });
    }

    [Test]
    public void Read_FieldMatchingOnPhones_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(
            () => Read(("matching", "field_name"), ("field_name", "phones"), ("field_value", NormalizedPhone), ("_fname", "Ann")));

        Assert.That(error!.Field, Is.EqualTo("field_name"));
    }

    [Test]
    public void Read_FieldMatchingOnAnUnknownField_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(
            () => Read(("matching", "field_name"), ("field_name", "nickname"), ("field_value", "annie")));

        Assert.That(error!.Field, Is.EqualTo("field_name"));
    }

    [Test]
    public void Read_FieldMatchingWithoutAValue_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(
            () => Read(("matching", "field_name"), ("field_name", "age"), ("field_value", string.Empty), ("_fname", "Ann")));

        Assert.That(error!.Field, Is.EqualTo("field_value"));
    }

    [Test]
    public void Read_FieldMatchingWithAFieldValueThatDoesNotParse_IsRefusedNamingTheField()
    {
        var error = Assert.Throws<InvalidValueException>(
            () => Read(("matching", "field_name"), ("field_name", "age"), ("field_value", "thirty")));

        Assert.That(error!.Field, Is.EqualTo("age"));
    }

    // ---- criteria and identities ----

    [Test]
    public void Read_Criteria_CarryTheNormalizedEmailAndPhone()
    {
        var import = Read(("matching", "email_phone"), ("email", " Ann@EXAMPLE.com"), ("phone", RawPhone));

        Assert.Multiple(() =>
        {
            Assert.That(import.Criteria.Mode, Is.EqualTo(MatchingMode.EmailOrPhone));
            Assert.That(import.Criteria.Email!.Value, Is.EqualTo("Ann@example.com"));
            Assert.That(import.Criteria.Email.Key, Is.EqualTo("ann@example.com"));
            Assert.That(import.Criteria.Phones.SingleOrDefault(), Is.EqualTo(NormalizedPhone));
            Assert.That(import.Changes.Phones.SingleOrDefault(), Is.EqualTo(NormalizedPhone));
        });
    }

    [TestCase(null, MatchingMode.Email)]
    [TestCase("email_profile", MatchingMode.EmailProfile)]
    [TestCase("email_sub", MatchingMode.EmailSubscription)]
    [TestCase("phone", MatchingMode.Phone)]
    [TestCase("phone_sub", MatchingMode.PhoneSubscription)]
    public void Read_Criteria_HaveTheRequestsMode(string? matching, MatchingMode mode)
    {
        var sent = new List<(string, string)> { ("email", "ann@example.com"), ("phone", RawPhone) };
        if (matching is not null)
        {
            sent.Add(("matching", matching));
        }

        var import = Read([.. sent]);

        Assert.That(import.Criteria.Mode, Is.EqualTo(mode));
    }

    [Test]
    public void Read_ProfileIdMatching_CarriesTheProfileIdInLowerCase()
    {
        var import = Read(("matching", "profile_id"), ("profile_id", "663880916D2F4A1B3C000001"), ("_fname", "Ann"));

        Assert.Multiple(() =>
        {
            Assert.That(import.Criteria.Mode, Is.EqualTo(MatchingMode.ProfileId));
            Assert.That(import.Criteria.ProfileId, Is.EqualTo(ProfileId.FromStorage("663880916d2f4a1b3c000001")));
        });
    }

    [Test]
    public void Read_LockedIdentities_AreThePhonesOnly_EmailsAndUniqueValuesAreGuardedByTheirIndex()
    {
        var import = Read(
            ("matching", "email_phone"),
            ("email", "Ann@Example.com"),
            ("phone", RawPhone),
            ("loyalty_card", "ABC-1"),
            ("age", "30"));

        Assert.That(import.LockedIdentities, Is.EquivalentTo(new[] { $"phones={NormalizedPhone}" }));
    }

    [Test]
    public void Read_LockedIdentities_HoldNoMatchedFieldThatIsUnique()
    {
        var import = Read(("matching", "field_name"), ("field_name", "loyalty_card"), ("field_value", "ABC-1"));

        Assert.That(import.LockedIdentities, Is.Empty);
    }

    [Test]
    public void Read_LockedIdentities_HoldAMatchedFieldThatIsNotUnique()
    {
        var import = Read(("matching", "field_name"), ("field_name", "age"), ("age", "30"), ("email", "ann@example.com"));

        Assert.That(import.LockedIdentities, Is.EquivalentTo(new[] { "age=30" }));
    }

    private ItemImport Read(params (string Name, string Value)[] parameters) => ReadWithReferer(null, parameters);

    private ItemImport ReadWithReferer(string? referer, params (string Name, string Value)[] parameters)
    {
        var command = QuickImportRequest.Command("token", TestRequestParameters.Of(parameters), referer);
        return reader.Read(command.Request, database, command.Request.Items[0]);
    }
}
