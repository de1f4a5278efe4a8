using FluentValidation;
using QuickImport.Application.Common.Validation;

namespace QuickImport.Application.Automations.CreateAutomation;

public sealed class CreateAutomationCommandValidator : AbstractValidator<CreateAutomationCommand>
{
    public CreateAutomationCommandValidator()
    {
        RuleFor(c => c.Name).ValidObjectName();
        RuleFor(c => c.DatabaseId).GreaterThan(0);
    }
}
