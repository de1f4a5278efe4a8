using FluentValidation;
using QuickImport.Application.Common.Validation;

namespace QuickImport.Application.Accounts.CreateAccount;

public sealed class CreateAccountCommandValidator : AbstractValidator<CreateAccountCommand>
{
    public CreateAccountCommandValidator()
    {
        RuleFor(c => c.Name).ValidObjectName();
        RuleFor(c => c.ProfileLimit).GreaterThanOrEqualTo(0);
    }
}
