using FluentValidation;

namespace QuickImport.Application.Databases.CreateDatabase;

public sealed class CreateDatabaseCommandValidator : AbstractValidator<CreateDatabaseCommand>
{
    public CreateDatabaseCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
}
