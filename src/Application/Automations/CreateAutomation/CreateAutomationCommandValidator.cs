using FluentValidation;

namespace QuickImport.Application.Automations.CreateAutomation;

public sealed class CreateAutomationCommandValidator : AbstractValidator<CreateAutomationCommand>
{
    public CreateAutomationCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.DatabaseId).GreaterThan(0);
    }
}
