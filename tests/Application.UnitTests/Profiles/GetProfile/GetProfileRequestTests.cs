using FluentValidation.Results;
using QuickImport.Application.Common.Requests;
using QuickImport.Application.Profiles.GetProfile;
using QuickImport.Application.UnitTests.Support;
using QuickImport.Domain.Profiles;

namespace QuickImport.Application.UnitTests.Profiles.GetProfile;

/// <summary>A profile read's shape, as the edge reads it into its query and the validator refuses it.</summary>
public sealed class GetProfileRequestTests
{
    private const string ProfileIdText = "663880916d2f4a1b3c000001";

    private readonly GetProfileQueryValidator validator = new();

    [Test]
    public void A_profile_id_is_typed_at_the_edge_whatever_its_case()
    {
        var query = Query(("db_id", "7"), ("profile_id", ProfileIdText.ToUpperInvariant()));

        Assert.Multiple(() =>
        {
            Assert.That(query.DatabaseId, Is.EqualTo(7));
            Assert.That(query.Lookup, Is.EqualTo(new ProfileLookup.ById(ProfileId.FromStorage(ProfileIdText))));
            Assert.That(query.Faults, Is.Empty);
        });
    }

    [Test]
    public void An_email_a_phone_or_a_field_value_is_kept_as_sent_for_the_database_to_read()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Query(("db_id", "1"), ("email", " Ann@Example.COM ")).Lookup, Is.EqualTo(new ProfileLookup.ByEmail(" Ann@Example.COM ")));
            Assert.That(Query(("db_id", "1"), ("phone", "8 (916) 123-45-67")).Lookup, Is.EqualTo(new ProfileLookup.ByPhone("8 (916) 123-45-67")));
            Assert.That(
                Query(("db_id", "1"), ("field_name", "crm_id"), ("field_value", "CRM-1")).Lookup,
                Is.EqualTo(new ProfileLookup.ByField("crm_id", "CRM-1")));
        });
    }

    [Test]
    public void A_well_formed_read_passes_the_validator()
    {
        Assert.That(Validate(("db_id", "1"), ("email", "ann@example.com")).Errors, Is.Empty);
    }

    [Test]
    public void Every_fault_is_refused_in_order_with_its_text()
    {
        var parameters = new RequestParameters(
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["db_id"] = ["0"],
                ["profile_id"] = ["not-an-id"],
                ["phone"] = ["+79161234567"],
                ["field_name"] = ["crm_id"],
                ["email"] = ["a@example.com", "b@example.com"],
            },
            new HashSet<string> { "email" });

        var query = GetProfileRequest.Query("token", parameters);
        var result = validator.Validate(query);

        Assert.Multiple(() =>
        {
            Assert.That(query.Lookup, Is.Null);
            Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[]
            {
                ("email", "'email' must be a single value, not an array"),
                ("db_id", "'db_id' must be a positive integer"),
                ("lookup", "send exactly one of 'profile_id', 'email', 'phone' or 'field_name' with 'field_value'"),
                ("profile_id", "'profile_id' must be 24 hexadecimal digits"),
                ("field_value", "'field_name' needs 'field_value'"),
            }));
        });
    }

    [TestCase]
    [TestCase("email", "phone")]
    [TestCase("profile_id", "field_name")]
    public void Not_exactly_one_lookup_is_refused(params string[] lookups)
    {
        var sent = lookups.Select(name => (name, name == "profile_id" ? ProfileIdText : "x")).Append(("field_value", "v")).Append(("db_id", "1"));

        var result = Validate([.. sent]);

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "lookup" }));
    }

    [Test]
    public void An_empty_value_is_absent()
    {
        var result = Validate(("db_id", string.Empty), ("email", string.Empty), ("phone", "+79161234567"));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "db_id" }));
    }

    private static GetProfileQuery Query(params (string Name, string Value)[] parameters) =>
        GetProfileRequest.Query("token", TestRequestParameters.Of(parameters));

    private ValidationResult Validate(params (string Name, string Value)[] parameters) => validator.Validate(Query(parameters));
}
