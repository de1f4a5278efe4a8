using FluentValidation.Results;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Application.UnitTests.Support;

namespace QuickImport.Application.UnitTests.Profiles.ImportProfiles;

/// <summary>A quick import's shape, as the edge reads it and the validator refuses it.</summary>
public sealed class QuickImportRequestTests
{
    private const string Email = "ann@example.com";
    private const string Phone = "+79123456789";
    private const string ProfileIdText = "663880916d2f4a1b3c000001";

    private readonly ImportProfilesCommandValidator validator = new();

    [Test]
    public void Validate_DatabaseAndEmail_IsValid()
    {
        var result = Validate(("db_id", "1"), ("email", Email));

        Assert.That(result.Errors, Is.Empty);
    }

    // ---- db_id ----

    [Test]
    public void Validate_NoDatabase_FailsOnDatabase()
    {
        var result = Validate(("email", Email));

        Assert.That(FailedNames(result), Is.EqualTo(new[] { "db_id" }));
    }

    [Test]
    public void Validate_EmptyDatabase_CountsAsAbsent()
    {
        var result = Validate(("db_id", string.Empty), ("email", Email));

        Assert.That(result.Errors, Has.Some.Matches<ValidationFailure>(
            f => f.PropertyName == "db_id" && f.ErrorMessage.Contains("required", StringComparison.Ordinal)));
    }

    [TestCase("1")]
    [TestCase("7")]
    [TestCase("2147483647")]
    public void Validate_DatabaseIsAPositiveInteger_IsValid(string databaseId)
    {
        var result = Validate(("db_id", databaseId), ("email", Email));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("+1")]
    [TestCase("1.5")]
    [TestCase("1e3")]
    [TestCase("0x1")]
    [TestCase("99999999999")]
    [TestCase("2147483648")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("١")]
    public void Validate_DatabaseIsNotAPositiveInteger_FailsOnDatabase(string databaseId)
    {
        var result = Validate(("db_id", databaseId), ("email", Email));

        Assert.That(FailedNames(result), Is.EqualTo(new[] { "db_id" }));
        Assert.That(result.Errors[0].ErrorMessage, Does.Contain("positive integer").And.Contain($"'{databaseId}'"));
    }

    // ---- resource_id, trigger_id, workflow_id ----

    [TestCase("resource_id")]
    [TestCase("trigger_id")]
    [TestCase("workflow_id")]
    public void Validate_OptionalIdEmpty_CountsAsAbsent(string name)
    {
        var result = Validate(("db_id", "1"), ("email", Email), (name, string.Empty));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("resource_id", "5")]
    [TestCase("trigger_id", "12")]
    [TestCase("workflow_id", "2147483647")]
    public void Validate_OptionalIdIsAPositiveInteger_IsValid(string name, string value)
    {
        var result = Validate(("db_id", "1"), ("email", Email), (name, value));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("resource_id", "abc")]
    [TestCase("resource_id", "0")]
    [TestCase("resource_id", "-3")]
    [TestCase("resource_id", "1.5")]
    [TestCase("trigger_id", "x1")]
    [TestCase("trigger_id", "99999999999")]
    [TestCase("trigger_id", " 2")]
    [TestCase("workflow_id", "one")]
    [TestCase("workflow_id", "0")]
    [TestCase("workflow_id", "2.0")]
    public void Validate_OptionalIdIsNotAPositiveInteger_FailsOnIt(string name, string value)
    {
        var result = Validate(("db_id", "1"), ("email", Email), (name, value));

        Assert.That(FailedNames(result), Is.EqualTo(new[] { name }));
    }

    // ---- matching ----

    [TestCase("email", "email", Email)]
    [TestCase("email_profile", "email", Email)]
    [TestCase("email_sub", "email", Email)]
    [TestCase("phone", "phone", Phone)]
    [TestCase("phone_sub", "phone", Phone)]
    [TestCase("email_phone", "email", Email)]
    [TestCase("email_phone", "phone", Phone)]
    [TestCase("field_name", "field_name", "loyalty_card")]
    [TestCase("custom", "field_name", "loyalty_card")]
    [TestCase("profile_id", "profile_id", ProfileIdText)]
    public void Validate_MatchingModeWithTheIdentifierItNeeds_IsValid(string matching, string identifier, string value)
    {
        var result = Validate(("db_id", "1"), ("matching", matching), (identifier, value), ("_fname", "Ann"));

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_EmailPhoneWithBothIdentifiers_IsValid()
    {
        var result = Validate(("db_id", "1"), ("matching", "email_phone"), ("email", Email), ("phone", Phone));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("bogus")]
    [TestCase("emails")]
    [TestCase("profile")]
    [TestCase(" email")]
    public void Validate_UnknownMatchingMode_FailsOnMatching(string matching)
    {
        var result = Validate(("db_id", "1"), ("matching", matching), ("email", Email), ("phone", Phone));

        Assert.That(FailedNames(result), Is.EqualTo(new[] { "matching" }));
        Assert.That(result.Errors[0].ErrorMessage, Does.Contain($"'{matching}'"));
    }

    [Test]
    public void Validate_EmptyMatching_MeansEmailMatching()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Validate(("db_id", "1"), ("matching", string.Empty), ("email", Email)).Errors, Is.Empty);
            Assert.That(
                FailedNames(Validate(("db_id", "1"), ("matching", string.Empty), ("phone", Phone))),
                Is.EqualTo(new[] { "matching" }));
        });
    }

    [Test]
    public void Validate_NoMatchingAndNoEmail_FailsBecauseEmailMatchingIsTheDefault()
    {
        var result = Validate(("db_id", "1"), ("phone", Phone));

        Assert.That(FailedNames(result), Is.EqualTo(new[] { "matching" }));
        Assert.That(result.Errors[0].ErrorMessage, Does.Contain("'email'"));
    }

    [TestCase("email", "phone", Phone)]
    [TestCase("email_profile", "phone", Phone)]
    [TestCase("email_sub", "phone", Phone)]
    [TestCase("email", "email", "")]
    [TestCase("email_sub", "email", "")]
    [TestCase("phone", "email", Email)]
    [TestCase("phone_sub", "email", Email)]
    [TestCase("phone", "phone", "")]
    [TestCase("email_phone", "_fname", "Ann")]
    [TestCase("email_phone", "email", "")]
    [TestCase("field_name", "field_value", "X-1")]
    [TestCase("custom", "field_value", "X-1")]
    [TestCase("field_name", "field_name", "")]
    [TestCase("profile_id", "email", Email)]
    [TestCase("profile_id", "profile_id", "")]
    public void Validate_MatchingModeWithoutTheIdentifierItNeeds_FailsOnMatching(string matching, string sent, string value)
    {
        var result = Validate(("db_id", "1"), ("matching", matching), (sent, value), ("_fname", "Ann"));

        Assert.That(FailedNames(result), Is.EqualTo(new[] { "matching" }));
        Assert.That(result.Errors[0].ErrorMessage, Does.Contain("needs"));
    }

    [TestCase("phone", "phone")]
    [TestCase("email_sub", "email")]
    [TestCase("field_name", "field_name")]
    [TestCase("profile_id", "profile_id")]
    public void Validate_MissingIdentifier_NamesTheParameterThatIsNeeded(string matching, string needed)
    {
        var result = Validate(("db_id", "1"), ("matching", matching), ("_fname", "Ann"));

        Assert.That(result.Errors.Single().ErrorMessage, Does.Contain($"'{needed}'"));
    }

    // ---- profile_id ----

    [TestCase("663880916D2F4A1B3C000001")]
    [TestCase("000000000000000000000000")]
    public void Validate_ProfileIdOf24HexDigits_IsValid(string profileId)
    {
        var result = Validate(("db_id", "1"), ("matching", "profile_id"), ("profile_id", profileId));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("email", "abc")]
    [TestCase("email", "663880916d2f4a1b3c00000")]
    [TestCase("email_phone", "663880916d2f4a1b3c0000011")]
    [TestCase("phone", "663880916d2f4a1b3c00000g")]
    [TestCase("field_name", " 663880916d2f4a1b3c000001")]
    [TestCase("profile_id", "663880916d2f4a1b3c00000z")]
    [TestCase("profile_id", "12345")]
    public void Validate_MalformedProfileId_FailsOnProfileIdInAnyMode(string matching, string profileId)
    {
        var result = Validate(
            ("db_id", "1"),
            ("matching", matching),
            ("profile_id", profileId),
            ("email", Email),
            ("phone", Phone),
            ("field_name", "loyalty_card"));

        Assert.That(FailedNames(result), Is.EqualTo(new[] { "profile_id" }));
        Assert.That(result.Errors[0].ErrorMessage, Does.Contain("24 hexadecimal digits"));
    }

    // ---- repeated control parameters ----

    [TestCase("token", "secret")]
    [TestCase("db_id", "1")]
    [TestCase("matching", "email")]
    [TestCase("field_name", "loyalty_card")]
    [TestCase("field_value", "X-1")]
    [TestCase("profile_id", ProfileIdText)]
    [TestCase("resource_id", "5")]
    [TestCase("trigger_id", "6")]
    [TestCase("workflow_id", "7")]
    [TestCase("request_id", "r-1")]
    public void Validate_ControlParameterRepeated_FailsNamingIt(string name, string value)
    {
        var sent = new List<(string, string)> { (name, value), (name, value) };
        if (name != "db_id")
        {
            sent.Add(("db_id", "1"));
        }

        sent.Add(("email", Email));

        var result = Validate([.. sent]);

        Assert.That(result.Errors, Has.Some.Matches<ValidationFailure>(
            f => f.PropertyName == name && f.ErrorMessage == $"'{name}' is sent more than once"));
    }

    [Test]
    public void Validate_SeveralControlParametersRepeated_FailsOnEachOfThem()
    {
        var result = Validate(("db_id", "1"), ("db_id", "2"), ("matching", "email"), ("matching", "phone"), ("email", Email));

        Assert.That(
            result.Errors.Where(f => f.ErrorMessage.EndsWith("is sent more than once", StringComparison.Ordinal)).Select(f => f.PropertyName),
            Is.EquivalentTo(new[] { "db_id", "matching" }));
    }

    [Test]
    public void Validate_ControlParameterSentOnce_HasNoRepeatFailure()
    {
        var result = Validate(
            ("token", "secret"),
            ("db_id", "1"),
            ("matching", "field_name"),
            ("field_name", "loyalty_card"),
            ("field_value", "X-1"),
            ("resource_id", "5"),
            ("trigger_id", "6"),
            ("workflow_id", "7"),
            ("request_id", "r-1"),
            ("email", Email));

        Assert.That(result.Errors, Is.Empty);
    }

    private static IEnumerable<string> FailedNames(ValidationResult result) => result.Errors.Select(f => f.PropertyName);

    private ValidationResult Validate(params (string Name, string Value)[] parameters) =>
        validator.Validate(QuickImportRequest.Command("token", TestRequestParameters.Of(parameters), referer: null));
}
