using FluentValidation;
using QuickImport.Application.Common.Validation;

namespace QuickImport.Application.Databases.CreateDatabase;

public sealed class CreateDatabaseCommandValidator : AbstractValidator<CreateDatabaseCommand>
{
    public CreateDatabaseCommandValidator() => RuleFor(c => c.Name).ValidObjectName();
}
