using FluentValidation;
using QuickImport.Application.Common.Validation;

namespace QuickImport.Application.Profiles.GetProfile;

/// <summary>The read's shape (docs/api.md §5), as the edge read it: refused only once the token is known good.</summary>
public sealed class GetProfileQueryValidator : AbstractValidator<GetProfileQuery>
{
    public GetProfileQueryValidator() => RuleFor(q => q.Faults).Refused();
}
