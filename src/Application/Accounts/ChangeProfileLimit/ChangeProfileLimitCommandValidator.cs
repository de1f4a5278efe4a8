using FluentValidation;

namespace QuickImport.Application.Accounts.ChangeProfileLimit;

public sealed class ChangeProfileLimitCommandValidator : AbstractValidator<ChangeProfileLimitCommand>
{
    public ChangeProfileLimitCommandValidator() => RuleFor(c => c.ProfileLimit).GreaterThanOrEqualTo(0);
}
