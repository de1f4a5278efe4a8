namespace QuickImport.Domain.Common;

/// <summary>An expected, rule-based refusal of a request; the API maps each subtype to one status code.</summary>
public abstract class DomainException(string detail) : Exception(detail)
{
    public string Detail { get; } = detail;
}
