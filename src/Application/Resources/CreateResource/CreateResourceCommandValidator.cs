using FluentValidation;
using QuickImport.Application.Common.Mapping;
using QuickImport.Application.Common.Validation;

namespace QuickImport.Application.Resources.CreateResource;

public sealed class CreateResourceCommandValidator : AbstractValidator<CreateResourceCommand>
{
    public CreateResourceCommandValidator()
    {
        RuleFor(c => c.Name).ValidObjectName();
        RuleFor(c => c.Channels).NotEmpty().WithMessage("a resource needs at least one channel: email, sms");
        RuleForEach(c => c.Channels)
            .Must(channel => WireNames.TryParseChannel(channel, out _))
            .WithMessage((_, channel) => $"'{channel}' is not a channel: email, sms");
    }
}
