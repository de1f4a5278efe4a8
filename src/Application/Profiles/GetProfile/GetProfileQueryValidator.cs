using FluentValidation;
using QuickImport.Application.Common.Requests;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Profiles;
using Names = QuickImport.Application.Profiles.ImportProfiles.ImportParameterNames;

namespace QuickImport.Application.Profiles.GetProfile;

public sealed class GetProfileQueryValidator : AbstractValidator<GetProfileQuery>
{
    private static readonly string[] Lookups = [Names.ProfileId, Names.Email, Names.Phone, Names.FieldName];

    public GetProfileQueryValidator()
    {
        RuleFor(q => q.Parameters.Value(Names.DatabaseId))
            .Must(value => ParameterValues.ParseId(value) is not null)
            .WithName(Names.DatabaseId)
            .WithMessage("'db_id' must be a positive integer");
        RuleFor(q => q.Parameters)
            .Must(p => Lookups.Count(name => p.Value(name) is not null) == 1)
            .WithName("lookup")
            .WithMessage("send exactly one of 'profile_id', 'email', 'phone' or 'field_name' with 'field_value'");
        RuleFor(q => q.Parameters.Value(Names.ProfileId))
            .Must(value => value is null || ProfileId.TryParse(value, out _))
            .WithName(Names.ProfileId)
            .WithMessage("'profile_id' must be 24 hexadecimal digits");
        RuleFor(q => q.Parameters.Value(Names.FieldValue))
            .NotNull()
            .WithName(Names.FieldValue)
            .WithMessage("'field_name' needs 'field_value'")
            .When(q => q.Parameters.Value(Names.FieldName) is not null);
    }
}
