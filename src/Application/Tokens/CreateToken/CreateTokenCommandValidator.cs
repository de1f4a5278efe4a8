using FluentValidation;

namespace QuickImport.Application.Tokens.CreateToken;

public sealed class CreateTokenCommandValidator : AbstractValidator<CreateTokenCommand>
{
    public CreateTokenCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
}
