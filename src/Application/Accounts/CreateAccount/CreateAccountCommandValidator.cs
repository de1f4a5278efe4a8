using FluentValidation;

namespace QuickImport.Application.Accounts.CreateAccount;

public sealed class CreateAccountCommandValidator : AbstractValidator<CreateAccountCommand>
{
    public CreateAccountCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.ProfileLimit).GreaterThanOrEqualTo(0);
    }
}
