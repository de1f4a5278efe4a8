using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using QuickImport.Application.Common.Configuration;
using QuickImport.Application.Common.Geo;
using QuickImport.Application.Common.Requests;
using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using Names = QuickImport.Application.Profiles.ImportProfiles.ImportParameterNames;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>
/// Reads an import's item against its database's fields (docs/api.md §1, §3, §4): every name must be
/// a field, every value must parse for its type, empty values are left out, an IPv4 <c>_regip</c>
/// fills the geodata the item did not send, phone numbers without a country code are read in the
/// <c>_regip</c>'s country (else the default region), and the matching mode's identifiers are
/// normalized like the stored values they are compared with.
/// </summary>
public sealed class ProfileImportReader(FieldValueParser parser, IGeoLocator geoLocator, IOptions<QuickImportSettings> settings)
{
    /// <summary>The <c>phone</c> parameter, read like a phone field (it adds to <c>phones</c>).</summary>
    public static readonly FieldDefinition PhoneParameter = new(Names.Phone, FieldType.Phone);

    /// <summary>The item's fields and identifiers; its subscriptions are planned once the request's resources are known (<see cref="Subscribe"/>).</summary>
    /// <exception cref="DomainException">The item cannot be imported as sent (HTTP 400).</exception>
    public ItemImport Read(ImportRequest request, ProfileDatabase database, ImportItem item)
    {
        if (item.Unreadable is { } why)
        {
            throw new InvalidValueException(Names.Data, why);
        }

        var defaultRegion = settings.Value.DefaultPhoneRegion;
        var matchField = request.Matching == MatchingMode.Field ? MatchField(database, request.FieldName!) : null;
        EmailAddress? email = null;
        var fields = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var phoneFields = new List<(FieldDefinition Field, IReadOnlyList<string> Values)>();

        foreach (var (field, values) in FieldValues(database, item, matchField))
        {
            // Phones wait for _regip: its country is the region of a number without a country code.
            if (field.Type == FieldType.Phone)
            {
                phoneFields.Add((field, values));
                continue;
            }

            if (field.Name == SystemFields.RegistrationDate && !request.KeepsRegistrationDate)
            {
                throw new InvalidValueException(field.Name, "it is set by the server when the profile is created");
            }

            if (parser.Parse(field, values, defaultRegion) is not { } value)
            {
                continue;
            }

            if (field.Name == SystemFields.Email)
            {
                email = FieldValueParser.ParseEmailAddress(field.Name, value.GetValue<string>());
            }
            else
            {
                fields[field.Name] = value;
            }
        }

        var location = request.DetectGeo ? RegistrationGeodata.Fill(fields, geoLocator) : null;
        var phoneRegion = location?.CountryCode ?? defaultRegion;
        var phones = new List<string>();
        foreach (var (field, values) in phoneFields.Concat(item.Phones.Select(p => (PhoneParameter, (IReadOnlyList<string>)[p]))))
        {
            if (parser.Parse(field, values, phoneRegion) is not { } value)
            {
                continue;
            }

            if (field == PhoneParameter)
            {
                if (!phones.Contains(value.GetValue<string>()))
                {
                    phones.Add(value.GetValue<string>());
                }
            }
            else
            {
                fields[field.Name] = value;
            }
        }

        // A Referer that is no registration URL (an app's, a stripped or forged one) is not the client's
        // parameter to refuse: it is left out.
        if (item.Referer is { Length: > 0 } referer && !fields.ContainsKey(SystemFields.RegistrationUrl) && RegistrationUrl.IsValid(referer))
        {
            fields[SystemFields.RegistrationUrl] = JsonValue.Create(referer);
        }

        var fieldKeys = FieldKeys(database, fields);
        var changes = new ProfileChanges(email, phones, fields, UniqueValues(database, email, fieldKeys)) { FieldKeys = fieldKeys };
        if (changes.IsEmpty)
        {
            throw new InvalidValueException("fields", "the request sets no database field");
        }

        var criteria = Criteria(request, item, matchField, changes);
        return new ItemImport(criteria, changes, [], LockedIdentities(criteria, changes, matchField));
    }

    /// <summary>The item with the subscriptions it asks for (<see cref="SubscriptionPlan"/>).</summary>
    /// <exception cref="DomainException">A subscription is invalid and the request does not skip invalid ones (HTTP 400, 404).</exception>
    public ItemImport Subscribe(ImportContext context, ImportItem item, ItemImport import)
    {
        // A listed subscription's phone without a country code reads like the item's phones: in its registration country.
        var region = import.Changes.Fields.GetValueOrDefault(SystemFields.RegistrationCountry)?.GetValue<string>()
            ?? settings.Value.DefaultPhoneRegion;
        return import with
        {
            Subscriptions = SubscriptionPlan.For(context, item, import.Changes, (channel, contact) => ContactOf(channel, contact, region)),
        };
    }

    private static MatchCriteria Criteria(ImportRequest request, ImportItem item, FieldDefinition? matchField, ProfileChanges changes)
    {
        ProfileId? profileId = null;
        if (item.ProfileId is { } sent)
        {
            profileId = ProfileId.TryParse(sent, out var id)
                ? id
                : throw new InvalidValueException(Names.ProfileId, ParameterValues.BadProfileId);
        }

        return new MatchCriteria(
            request.Matching,
            changes.Email,
            changes.Phones,
            matchField is null ? null : ReadFieldMatch(matchField, changes),
            profileId);
    }

    /// <summary>
    /// The phone numbers the item sets and, with field matching on a field that is not unique, its
    /// value: no unique index keeps two profiles from taking them at once.
    /// </summary>
    private static List<string> LockedIdentities(MatchCriteria criteria, ProfileChanges changes, FieldDefinition? matchField)
    {
        var identities = changes.Phones.Select(p => FieldKey.Token(SystemFields.Phones, p)).ToList();
        if (criteria.Field is { } match && matchField is { IsUnique: false })
        {
            identities.Add(match.Token);
        }

        return identities;
    }

    private SubscriptionContact ContactOf(Channel channel, string contact, string phoneRegion)
    {
        if (channel == Channel.Email)
        {
            return EmailAddress.TryParse(contact, out var address, out var reason)
                ? new SubscriptionContact(Channel.Email, address!.Value, address.Key)
                : throw new InvalidValueException(Names.Subscriptions, reason);
        }

        var phone = parser.Parse(PhoneParameter, [contact], phoneRegion)?.GetValue<string>()
            ?? throw new InvalidValueException(Names.Subscriptions, "the phone is empty");
        return new SubscriptionContact(Channel.Sms, phone, phone);
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
    /// The field of every field the item sends (an unknown name is refused even with an empty value)
    /// with the values sent for it. With field matching, <c>field_value</c> stands for the matched
    /// field when the item does not send that field itself, so the profile it creates can be found
    /// by the same value again.
    /// </summary>
    private static IEnumerable<(FieldDefinition Field, IReadOnlyList<string> Values)> FieldValues(
        ProfileDatabase database,
        ImportItem item,
        FieldDefinition? matchField)
    {
        var names = new List<string>(item.Fields.Count + 1);
        names.AddRange(item.Fields.Keys);
        var fieldValueStandsIn = matchField is not null && item.Value(matchField.Name) is null && item.FieldValue is not null;
        if (fieldValueStandsIn && !item.Fields.ContainsKey(matchField!.Name))
        {
            names.Add(matchField.Name);
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var field = name == Names.Phone
                ? PhoneParameter
                : database.FindField(name) ?? throw new InvalidValueException(name, "the database has no such field");
            yield return (field, fieldValueStandsIn && name == matchField!.Name
                ? [item.FieldValue!]
                : item.Structured.Contains(name) ? Structured(field, item.Fields[name]) : item.Fields[name]);
        }
    }

    /// <summary>A JSON array is a tags field's list, an array or object a json field's value; every other field takes one value.</summary>
    private static IReadOnlyList<string> Structured(FieldDefinition field, IReadOnlyList<string> json) => field.Type switch
    {
        FieldType.Json => json,
        FieldType.Tags when json is [var text] && text.StartsWith('[') => json,
        _ => throw new InvalidValueException(field.Name, RequestParameters.NotAnArray),
    };

    private static FieldMatch ReadFieldMatch(FieldDefinition field, ProfileChanges changes)
    {
        var key = field.Name == SystemFields.Email ? changes.Email?.Key : changes.FieldKeys.GetValueOrDefault(field.Name);
        return key is null
            ? throw new InvalidValueException(Names.FieldValue, $"matching on '{field.Name}' needs a value for it")
            : new FieldMatch(field.Name, key, field.IsUnique);
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
