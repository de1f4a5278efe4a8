using System.Text.Json.Nodes;
using QuickImport.Application.Common.Requests;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;
using Names = QuickImport.Application.Profiles.ImportProfiles.ImportParameterNames;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>
/// Reads a quick import's parameters (query string and body, merged) into the command: control
/// parameters typed, every other parameter a field of its one item, and what is malformed as faults.
/// </summary>
public static class QuickImportRequest
{
    private static readonly string[] IdParameters = [Names.DatabaseId, Names.ResourceId, Names.TriggerId, Names.WorkflowId];

    /// <param name="referer">The <c>Referer</c> header: the registration URL when <c>_regurl</c> is not sent.</param>
    public static ImportProfilesCommand Command(string? token, RequestParameters parameters, string? referer)
    {
        var faults = new List<RequestFault>();
        foreach (var name in Names.Control.Where(parameters.IsRepeated).Order(StringComparer.Ordinal))
        {
            faults.Add(new RequestFault(name, $"'{name}' is sent more than once"));
        }

        foreach (var name in Names.Control.Where(parameters.IsArray).Order(StringComparer.Ordinal))
        {
            faults.Add(new RequestFault(name, $"'{name}' {RequestParameters.NotAnArray}"));
        }

        if (parameters.Value(Names.DatabaseId) is null)
        {
            faults.Add(new RequestFault(Names.DatabaseId, "'db_id' is required"));
        }

        foreach (var name in IdParameters)
        {
            if (parameters.Value(name) is { } text && ParameterValues.ParseId(text) is null)
            {
                faults.Add(new RequestFault(name, ParameterValues.BadId(name, text)));
            }
        }

        var matching = new MatchingParameter(parameters.Value(Names.Matching));
        if (matching.Fault is { } badMatching)
        {
            faults.Add(badMatching);
        }

        var profileIdText = parameters.Value(Names.ProfileId);
        if (profileIdText is not null && !Domain.Profiles.ProfileId.TryParse(profileIdText, out _))
        {
            faults.Add(new RequestFault(Names.ProfileId, ParameterValues.BadProfileId));
        }

        if (matching.Mode is { } mode
            && MatchingModes.MissingIdentifier(
                mode,
                hasEmail: parameters.Value(Names.Email) is not null,
                hasPhone: parameters.Value(Names.Phone) is not null,
                hasFieldName: parameters.Value(Names.FieldName) is not null,
                hasProfileId: profileIdText is not null) is { } missing)
        {
            faults.Add(new RequestFault(Names.Matching, missing));
        }

        var fieldNames = parameters.Names.Where(n => !Names.Control.Contains(n)).ToList();
        var item = new ImportItem(
            fieldNames.ToDictionary(n => n, n => FieldValues(parameters, n), StringComparer.Ordinal),
            Phones: [],
            Subscriptions: [],
            FieldValue: parameters.Value(Names.FieldValue),
            ProfileId: profileIdText,
            Referer: referer)
        {
            Structured = fieldNames.Where(parameters.IsArray).ToHashSet(StringComparer.Ordinal),
        };
        var request = new ImportRequest(
            ParameterValues.ParseId(parameters.Value(Names.DatabaseId)) ?? 0,
            ImportKind.FindOrCreate,
            matching.Mode ?? MatchingMode.Email,
            parameters.Value(Names.FieldName),
            ParameterValues.ParseId(parameters.Value(Names.ResourceId)),
            ParameterValues.ParseId(parameters.Value(Names.TriggerId)),
            ParameterValues.ParseId(parameters.Value(Names.WorkflowId)),
            [item]);
        return new ImportProfilesCommand(token, request, faults) { Matching = matching };
    }

    /// <summary>A field's values as sent; a JSON body's array as its JSON text, the form a v1.1 item's array comes in.</summary>
    private static IReadOnlyList<string> FieldValues(RequestParameters parameters, string name) =>
        parameters.IsArray(name)
            ? [new JsonArray([.. parameters.Values(name).Select(v => (JsonNode?)JsonValue.Create(v))]).ToJsonString()]
            : parameters.Values(name);
}
