using FluentValidation;
using Mediator;

namespace QuickImport.Bench.Floor;

/// <summary>A message with a token to check, as QuickImport's IRequiresApiToken.</summary>
public interface IRequiresToken
{
    string Token { get; }

    int? DatabaseId { get; }
}

/// <summary>The quick import's parameters; with the mediator piece, a command as QuickImport's ImportProfilesCommand.</summary>
public sealed record ImportCommand(string Token, int? DatabaseId, string Email, string Name, int? ResourceId) : ICommand<string>, IRequiresToken;

/// <summary>The command's handler: the import through the scoped store.</summary>
public sealed class ImportCommandHandler(ImportStore store) : ICommandHandler<ImportCommand, string>
{
    public async ValueTask<string> Handle(ImportCommand command, CancellationToken cancellationToken) =>
        await store.RunAsync(command, cancellationToken);
}

/// <summary>The first behaviour, as QuickImport's ApiTokenAuthenticationBehavior: 403 before anything else runs.</summary>
public sealed class TokenBehavior<TMessage, TResponse>(Tokens tokens) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IRequiresToken, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        tokens.Authenticate(message);
        return await next(message, cancellationToken);
    }
}

/// <summary>The second, as QuickImport's ValidationBehavior: the message's FluentValidation validators, one at a time.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new RefusedException(StatusCodes.Status400BadRequest, "Invalid params");
        }

        return await next(message, cancellationToken);
    }
}

/// <summary>The floor's one check of the parameters, as a validator.</summary>
public sealed class ImportCommandValidator : AbstractValidator<ImportCommand>
{
    public ImportCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty();
        RuleFor(c => c.ResourceId).NotNull();
    }
}
