namespace QuickImport.Domain.Common;

/// <summary>A parameter or field value that breaks its rule (HTTP 400).</summary>
public sealed class InvalidValueException(string field, string reason)
    : DomainException($"{field}: {reason}")
{
    public string Field { get; } = field;
}
