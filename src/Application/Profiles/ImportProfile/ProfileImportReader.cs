using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using QuickImport.Application.Common.Configuration;
using QuickImport.Application.Common.Geo;
using QuickImport.Application.Common.Requests;
using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using Names = QuickImport.Application.Profiles.ImportProfile.ImportParameterNames;

namespace QuickImport.Application.Profiles.ImportProfile;

/// <summary>
/// Reads an import's field parameters against its database (SPEC §1, §3, §4): every name must be a
/// field, every value must parse for its type, empty values are left out, an IPv4 <c>_regip</c> fills
/// the geodata the request did not send, phone numbers without a country code are read in the
/// <c>_regip</c>'s country (else the default region), and the matching mode's identifier is normalized
/// like the stored values it is compared with.
/// </summary>
public sealed class ProfileImportReader(FieldValueParser parser, IGeoLocator geoLocator, IOptions<QuickImportSettings> settings)
{
    /// <summary>The <c>phone</c> parameter, read like a phone field (it adds to <c>phones</c>).</summary>
    public static readonly FieldDefinition PhoneParameter = new(Names.Phone, FieldType.Phone);

    public ProfileImport Read(ProfileDatabase database, ImportInstructions instructions, RequestParameters parameters, string? referer)
    {
        var defaultRegion = settings.Value.DefaultPhoneRegion;
        var matchField = instructions.Matching == MatchingMode.Field ? MatchField(database, instructions.FieldName!) : null;
        EmailAddress? email = null;
        string? phone = null;
        var fields = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var phoneParameters = new List<(FieldDefinition Field, IReadOnlyList<string> Values)>();

        foreach (var (field, values) in FieldParameters(database, parameters, matchField))
        {
            // Phones wait for _regip: its country is the region of a number without a country code.
            if (field.Type == FieldType.Phone)
            {
                phoneParameters.Add((field, values));
                continue;
            }

            if (field.Name == SystemFields.RegistrationDate)
            {
                throw new InvalidValueException(field.Name, "it is set by the server when the profile is created");
            }

            if (parser.Parse(field, values, defaultRegion) is not { } value)
            {
                continue;
            }

            if (field.Name == SystemFields.Email)
            {
                email = EmailAddress.TryParse(value.GetValue<string>(), out var address, out var reason)
                    ? address
                    : throw new InvalidValueException(field.Name, reason);
            }
            else
            {
                fields[field.Name] = value;
            }
        }

        var location = RegistrationGeodata.Fill(fields, geoLocator);
        var phoneRegion = location?.CountryCode ?? defaultRegion;
        foreach (var (field, values) in phoneParameters)
        {
            if (parser.Parse(field, values, phoneRegion) is not { } value)
            {
                continue;
            }

            if (field == PhoneParameter)
            {
                phone = value.GetValue<string>();
            }
            else
            {
                fields[field.Name] = value;
            }
        }

        // A Referer that is no registration URL (an app's, a stripped or forged one) is not the client's
        // parameter to refuse: it is left out.
        if (referer is { Length: > 0 } && !fields.ContainsKey(SystemFields.RegistrationUrl) && RegistrationUrl.IsValid(referer))
        {
            fields[SystemFields.RegistrationUrl] = JsonValue.Create(referer);
        }

        var fieldKeys = FieldKeys(database, fields);
        var changes = new ProfileChanges(email, phone, fields, UniqueValues(database, email, fieldKeys)) { FieldKeys = fieldKeys };
        if (changes.IsEmpty)
        {
            throw new InvalidValueException("fields", "the request sets no database field");
        }

        var criteria = new MatchCriteria(
            instructions.Matching,
            email,
            phone,
            matchField is null ? null : ReadFieldMatch(matchField, email, fieldKeys),
            instructions.ProfileId);
        return new ProfileImport(criteria, changes);
    }

    private static FieldDefinition MatchField(ProfileDatabase database, string name)
    {
        var field = database.FindField(name)
            ?? throw new InvalidValueException(Names.FieldName, $"the database has no field '{name}'");
        return field.Type == FieldType.PhoneList
            ? throw new InvalidValueException(Names.FieldName, "to match on phones use matching 'phone'")
            : field;
    }

    /// <summary>
    /// The field of every field parameter (an unknown name is refused even with an empty value) with
    /// the values sent for it. With field matching, <c>field_value</c> stands
    /// for the matched field when the request does not send that field itself, so the profile it
    /// creates can be found by the same value again.
    /// </summary>
    private static IEnumerable<(FieldDefinition Field, IReadOnlyList<string> Values)> FieldParameters(
        ProfileDatabase database,
        RequestParameters parameters,
        FieldDefinition? matchField)
    {
        var names = parameters.Names.Where(n => !Names.Control.Contains(n)).ToHashSet(StringComparer.Ordinal);
        if (matchField is not null && parameters.Value(matchField.Name) is null && parameters.Value(Names.FieldValue) is not null)
        {
            names.Add(matchField.Name);
        }

        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            var field = name == Names.Phone
                ? PhoneParameter
                : database.FindField(name) ?? throw new InvalidValueException(name, "the database has no such field");
            yield return (field, name == matchField?.Name && parameters.Value(name) is null
                ? parameters.Values(Names.FieldValue)
                : parameters.IsArray(name) ? ArrayValues(field, parameters.Values(name)) : parameters.Values(name));
        }
    }

    /// <summary>A JSON body's array is a tags field's list or a json field's value; every other field takes one value.</summary>
    private static IReadOnlyList<string> ArrayValues(FieldDefinition field, IReadOnlyList<string> items) => field.Type switch
    {
        FieldType.Tags => items,
        FieldType.Json => [new JsonArray([.. items.Select(item => (JsonNode?)JsonValue.Create(item))]).ToJsonString()],
        _ => throw new InvalidValueException(field.Name, RequestParameters.NotAnArray),
    };

    private static FieldMatch ReadFieldMatch(
        FieldDefinition field,
        EmailAddress? email,
        IReadOnlyDictionary<string, string> fieldKeys)
    {
        var key = field.Name == SystemFields.Email ? email?.Key : fieldKeys.GetValueOrDefault(field.Name);
        return key is null
            ? throw new InvalidValueException(Names.FieldValue, $"matching on '{field.Name}' needs a value for it")
            : new FieldMatch(field.Name, key);
    }

    /// <summary>The comparison key of every field the import sets, by field name.</summary>
    private static Dictionary<string, string> FieldKeys(ProfileDatabase database, Dictionary<string, JsonNode> fields) =>
        fields.ToDictionary(f => f.Key, f => FieldValueParser.ComparisonKey(database.FindField(f.Key)!, f.Value), StringComparer.Ordinal);

    private static List<UniqueValue> UniqueValues(
        ProfileDatabase database,
        EmailAddress? email,
        IReadOnlyDictionary<string, string> fieldKeys)
    {
        var values = new List<UniqueValue>();
        if (email is not null)
        {
            values.Add(new UniqueValue(SystemFields.Email, email.Key));
        }

        values.AddRange(fieldKeys
            .Where(f => database.FindField(f.Key) is { IsUnique: true })
            .Select(f => new UniqueValue(f.Key, f.Value)));
        return values;
    }
}
