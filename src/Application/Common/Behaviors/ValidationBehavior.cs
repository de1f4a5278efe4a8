using FluentValidation;
using Mediator;
using QuickImport.Application.Common.Exceptions;

namespace QuickImport.Application.Common.Behaviors;

/// <summary>
/// Runs the message's FluentValidation validators one at a time (they may share the scoped
/// DbContext) and refuses the message with every failure when any rule breaks.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}
