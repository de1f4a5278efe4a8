using FluentValidation;
using QuickImport.Application.Common.Validation;

namespace QuickImport.Application.Tokens.CreateToken;

public sealed class CreateTokenCommandValidator : AbstractValidator<CreateTokenCommand>
{
    public CreateTokenCommandValidator() => RuleFor(c => c.Name).ValidObjectName();
}
