using FluentValidation.Results;

namespace QuickImport.Application.Common.Exceptions;

/// <summary>A request whose parameters break the validator's rules (HTTP 400).</summary>
public sealed class RequestValidationException(IReadOnlyList<ValidationFailure> failures)
    : Exception(string.Join("; ", failures.Select(f => f.ErrorMessage)))
{
    public IReadOnlyList<ValidationFailure> Failures { get; } = failures;
}
