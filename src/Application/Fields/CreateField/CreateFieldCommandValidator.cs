using FluentValidation;
using QuickImport.Domain.Common;
using QuickImport.Domain.Fields;

namespace QuickImport.Application.Fields.CreateField;

public sealed class CreateFieldCommandValidator : AbstractValidator<CreateFieldCommand>
{
    /// <summary>An enum's options are held in memory with its database's metadata and listed in answers: bounded.</summary>
    private const int MaxOptions = 1000;

    private const int MaxOptionLength = 256;

    /// <summary>Types whose values have no single comparable form to keep unique.</summary>
    private static readonly FieldType[] NeverUnique = [FieldType.Tags, FieldType.Json, FieldType.Bool];

    public CreateFieldCommandValidator()
    {
        // A system field's name is taken, not malformed: the handler answers it 409.
        RuleFor(c => c.Name)
            .Must(name => FieldName.IsValidCustom(name) || SystemFields.IsSystemName(name))
            .WithMessage("a field name is a letter, then letters, digits or '_', at most 64 characters");
        RuleFor(c => c.Type)
            .Must(type => FieldTypeNames.TryParseCustom(type, out _))
            .WithMessage("type must be one of string, int, float, bool, date, datetime, enum, tags, json, email, phone, ip");
        RuleFor(c => c.Options)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("an enum field needs its options")
            .Must(options => options!.Count <= MaxOptions)
            .WithMessage(c => $"an enum field has {c.Options!.Count} options, over the limit of {MaxOptions}")
            .Must(options => options!.All(o => o is null || o.Length <= MaxOptionLength))
            .WithMessage(c => $"an option is {c.Options!.Max(o => o?.Length ?? 0)} characters long, over the limit of {MaxOptionLength}")
            .Must(options => options!.All(o => !string.IsNullOrEmpty(o)) && options!.Distinct(StringComparer.Ordinal).Count() == options!.Count)
            .WithMessage("options must be distinct and non-empty")
            .Must(options => options!.All(StorableText.IsStorable))
            .WithMessage(c => $"an option {c.Options!.Select(StorableText.Flaw).First(flaw => flaw is not null)}")
            .When(c => c.Type == FieldType.Enum.Name());
        RuleFor(c => c.Options)
            .Empty().WithMessage("only an enum field has options")
            .When(c => c.Type != FieldType.Enum.Name());
        RuleFor(c => c.Unique)
            .Equal(false).WithMessage(c => $"a {c.Type} field cannot be unique")
            .When(c => FieldTypeNames.TryParseCustom(c.Type, out var type) && NeverUnique.Contains(type));
    }
}
