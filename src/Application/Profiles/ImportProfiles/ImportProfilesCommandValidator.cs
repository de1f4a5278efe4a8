using FluentValidation;
using QuickImport.Application.Common.Validation;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>
/// The request's shape (docs/api.md §1, "400 request shape"), as the edge read it: refused only once
/// the token is known good, so an unknown token is a 403 whatever else is wrong.
/// </summary>
public sealed class ImportProfilesCommandValidator : AbstractValidator<ImportProfilesCommand>
{
    public ImportProfilesCommandValidator() => RuleFor(c => c.Faults).Refused();
}
