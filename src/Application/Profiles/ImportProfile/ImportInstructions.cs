using System.Globalization;
using QuickImport.Application.Common.Requests;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;

namespace QuickImport.Application.Profiles.ImportProfile;

/// <summary>The import's control parameters in typed form; read only after the validator passed them.</summary>
public sealed record ImportInstructions(
    int DatabaseId,
    MatchingMode Matching,
    string? FieldName,
    ProfileId? ProfileId,
    int? ResourceId,
    int? TriggerId,
    int? WorkflowId)
{
    public static ImportInstructions From(RequestParameters parameters) => new(
        ParseId(parameters.Value(ImportParameterNames.DatabaseId)) ?? 0,
        ParseMatching(parameters.Value(ImportParameterNames.Matching)) ?? MatchingMode.Email,
        parameters.Value(ImportParameterNames.FieldName),
        Domain.Profiles.ProfileId.TryParse(parameters.Value(ImportParameterNames.ProfileId), out var id) ? id : null,
        ParseId(parameters.Value(ImportParameterNames.ResourceId)),
        ParseId(parameters.Value(ImportParameterNames.TriggerId)),
        ParseId(parameters.Value(ImportParameterNames.WorkflowId)));

    /// <summary>An object id: a positive 32-bit integer in plain decimal digits.</summary>
    public static int? ParseId(string? text) =>
        text is { Length: > 0 } && text.All(char.IsAsciiDigit)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;

    /// <summary>The matching mode; absent means <c>email</c>.</summary>
    public static MatchingMode? ParseMatching(string? text) =>
        text is null ? MatchingMode.Email : MatchingModes.TryParse(text, out var mode) ? mode : null;
}
