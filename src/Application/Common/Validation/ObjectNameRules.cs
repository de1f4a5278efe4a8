using FluentValidation;
using QuickImport.Domain.Common;

namespace QuickImport.Application.Common.Validation;

/// <summary>The rule for the name an operator gives an account, token, database, resource or automation.</summary>
public static class ObjectNameRules
{
    public const int MaxLength = 200;

    public static IRuleBuilderOptions<T, string> ValidObjectName<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty()
            .MaximumLength(MaxLength)
            .Must(StorableText.IsStorable)
            .WithMessage((_, name) => $"'{{PropertyName}}' {StorableText.Flaw(name)}");
}
