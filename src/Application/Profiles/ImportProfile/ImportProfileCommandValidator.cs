using FluentValidation;
using QuickImport.Application.Common.Requests;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using Names = QuickImport.Application.Profiles.ImportProfile.ImportParameterNames;

namespace QuickImport.Application.Profiles.ImportProfile;

/// <summary>
/// The request's shape (SPEC §1, "400 request shape"): control parameters present, well-formed and
/// sent once, and the identifiers the matching mode needs. Field values are checked later against
/// the database's fields.
/// </summary>
public sealed class ImportProfileCommandValidator : AbstractValidator<ImportProfileCommand>
{
    private static readonly string[] IdParameters = [Names.DatabaseId, Names.ResourceId, Names.TriggerId, Names.WorkflowId];

    public ImportProfileCommandValidator()
    {
        RuleFor(c => c.Parameters).Custom((parameters, context) =>
        {
            foreach (var name in Names.Control.Where(parameters.IsRepeated).Order(StringComparer.Ordinal))
            {
                context.AddFailure(name, $"'{name}' is sent more than once");
            }

            foreach (var name in Names.Control.Where(parameters.IsArray).Order(StringComparer.Ordinal))
            {
                context.AddFailure(name, $"'{name}' {RequestParameters.NotAnArray}");
            }
        });

        RuleFor(c => c.Parameters.Value(Names.DatabaseId))
            .NotNull().WithName(Names.DatabaseId).WithMessage("'db_id' is required");

        foreach (var name in IdParameters)
        {
            RuleFor(c => c.Parameters.Value(name))
                .Must(value => value is null || ImportInstructions.ParseId(value) is not null)
                .WithName(name)
                .WithMessage(c => $"'{name}' must be a positive integer, not '{c.Parameters.Value(name)}'");
        }

        RuleFor(c => c.Parameters.Value(Names.Matching))
            .Must(value => ImportInstructions.ParseMatching(value) is not null)
            .WithName(Names.Matching)
            .WithMessage(c => $"'matching' must be one of {string.Join(", ", MatchingModes.Names)}, not '{c.Parameters.Value(Names.Matching)}'");

        RuleFor(c => c.Parameters.Value(Names.ProfileId))
            .Must(value => value is null || ProfileId.TryParse(value, out _))
            .WithName(Names.ProfileId)
            .WithMessage("'profile_id' must be 24 hexadecimal digits");

        RuleFor(c => c.Parameters).Custom((parameters, context) =>
        {
            if (ImportInstructions.ParseMatching(parameters.Value(Names.Matching)) is { } mode
                && MissingIdentifier(mode, parameters) is { } missing)
            {
                context.AddFailure(Names.Matching, missing);
            }
        });
    }

    private static string? MissingIdentifier(MatchingMode mode, RequestParameters parameters)
    {
        var hasEmail = parameters.Value(Names.Email) is not null;
        var hasPhone = parameters.Value(Names.Phone) is not null;
        return mode switch
        {
            MatchingMode.Email or MatchingMode.EmailProfile or MatchingMode.EmailSubscription when !hasEmail =>
                "this matching mode needs the 'email' parameter",
            MatchingMode.Phone or MatchingMode.PhoneSubscription when !hasPhone =>
                "this matching mode needs the 'phone' parameter",
            MatchingMode.EmailOrPhone when !hasEmail && !hasPhone =>
                "matching 'email_phone' needs the 'email' or the 'phone' parameter",
            MatchingMode.Field when parameters.Value(Names.FieldName) is null =>
                "matching 'field_name' needs the 'field_name' parameter",
            MatchingMode.ProfileId when parameters.Value(Names.ProfileId) is null =>
                "matching 'profile_id' needs the 'profile_id' parameter",
            _ => null,
        };
    }
}
