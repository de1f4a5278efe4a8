using QuickImport.Application.Common.Requests;
using QuickImport.Domain.Profiles;
using Names = QuickImport.Application.Profiles.ImportProfiles.ImportParameterNames;

namespace QuickImport.Application.Profiles.GetProfile;

/// <summary>
/// Reads a profile read's parameters (query string and body, merged) into its query: the database and
/// the one lookup typed, and what is malformed as faults, in the words an import's faults use.
/// </summary>
public static class GetProfileRequest
{
    private static readonly string[] Lookups = [Names.ProfileId, Names.Email, Names.Phone, Names.FieldName];

    public static GetProfileQuery Query(string? token, RequestParameters parameters)
    {
        // Every parameter of a lookup takes one value.
        var faults = parameters.Arrays.Order(StringComparer.Ordinal)
            .Select(name => new RequestFault(name, $"'{name}' {RequestParameters.NotAnArray}"))
            .ToList();

        var databaseId = ParameterValues.ParseId(parameters.Value(Names.DatabaseId));
        if (databaseId is null)
        {
            faults.Add(new RequestFault(Names.DatabaseId, "'db_id' must be a positive integer"));
        }

        if (Lookups.Count(name => parameters.Value(name) is not null) != 1)
        {
            faults.Add(new RequestFault("lookup", "send exactly one of 'profile_id', 'email', 'phone' or 'field_name' with 'field_value'"));
        }

        var profileIdText = parameters.Value(Names.ProfileId);
        ProfileId? profileId = null;
        if (profileIdText is not null)
        {
            profileId = ProfileId.TryParse(profileIdText, out var id) ? id : null;
            if (profileId is null)
            {
                faults.Add(new RequestFault(Names.ProfileId, ParameterValues.BadProfileId));
            }
        }

        var fieldName = parameters.Value(Names.FieldName);
        var fieldValue = parameters.Value(Names.FieldValue);
        if (fieldName is not null && fieldValue is null)
        {
            faults.Add(new RequestFault(Names.FieldValue, "'field_name' needs 'field_value'"));
        }

        ProfileLookup? lookup = faults.Count > 0 ? null
            : profileId is { } byId ? new ProfileLookup.ById(byId)
            : parameters.Value(Names.Email) is { } email ? new ProfileLookup.ByEmail(email)
            : parameters.Value(Names.Phone) is { } phone ? new ProfileLookup.ByPhone(phone)
            : new ProfileLookup.ByField(fieldName!, fieldValue!);
        return new GetProfileQuery(token, databaseId ?? 0, lookup, faults);
    }
}
