using FluentValidation;
using FluentValidation.Results;
using Moq;
using QuickImport.Application.Common.Behaviors;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Application.UnitTests.Support;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Profiles;

namespace QuickImport.Application.UnitTests.Common.Behaviors;

public sealed class ValidationBehaviorTests
{
    private static readonly ImportResult HandlerResult =
        new([ItemOutcome.Imported(ProfileId.FromStorage("663880916d2f4a1b3c000001"), created: false)]);

    private readonly ImportProfilesCommand command =
        QuickImportRequest.Command("token", TestRequestParameters.Of(("db_id", "1"), ("email", "ann@example.com")), referer: null);

    private List<string> log = null!;

    [SetUp]
    public void SetUp() => log = [];

    [Test]
    public async Task Handle_NoValidators_RunsTheHandler()
    {
        var behavior = Behavior();

        var result = await behavior.Handle(command, Next, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.SameAs(HandlerResult));
            Assert.That(log, Is.EqualTo(new[] { "next" }));
        });
    }

    [Test]
    public async Task Handle_EveryValidatorPasses_RunsTheHandlerOnceWithTheSameMessage()
    {
        ImportProfilesCommand? seen = null;
        var behavior = Behavior(Passing("first").Object, Passing("second").Object);

        await behavior.Handle(
            command,
            (message, cancellationToken) =>
            {
                seen = message;
                return Next(message, cancellationToken);
            },
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(log, Is.EqualTo(new[] { "first", "second", "next" }));
            Assert.That(seen, Is.SameAs(command));
        });
    }

    [Test]
    public void Handle_AValidatorFails_RefusesWithEveryFailureAndDoesNotRunTheHandler()
    {
        var failures = new[]
        {
            new ValidationFailure("db_id", "'db_id' is required"),
            new ValidationFailure("matching", "this matching mode needs the 'email' parameter"),
        };
        var behavior = Behavior(Passing("first").Object, Failing("second", failures).Object);

        var error = Assert.ThrowsAsync<RequestValidationException>(
            async () => await behavior.Handle(command, Next, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures, Is.EqualTo(failures));
            Assert.That(error.Message, Does.Contain("'db_id' is required").And.Contain("needs the 'email' parameter"));
            Assert.That(log, Does.Not.Contain("next"));
        });
    }

    [Test]
    public void Handle_TwoValidatorsFail_RefusesWithTheFailuresOfBoth()
    {
        var first = new ValidationFailure("db_id", "'db_id' is required");
        var second = new ValidationFailure("matching", "'matching' must be one of ...");
        var behavior = Behavior(Failing("first", first).Object, Failing("second", second).Object);

        var error = Assert.ThrowsAsync<RequestValidationException>(
            async () => await behavior.Handle(command, Next, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures, Is.EquivalentTo(new[] { first, second }));
            Assert.That(log, Does.Not.Contain("next"));
        });
    }

    [Test]
    public async Task Handle_SeveralValidators_RunsThemOneAtATimeInOrder()
    {
        var firstCompletion = new TaskCompletionSource<ValidationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new Mock<IValidator<ImportProfilesCommand>>(MockBehavior.Strict);
        first.Setup(v => v.ValidateAsync(command, It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                log.Add("first started");
                return firstCompletion.Task;
            });
        var second = Passing("second started");
        var behavior = Behavior(first.Object, second.Object);

        var handling = behavior.Handle(command, Next, CancellationToken.None).AsTask();

        Assert.Multiple(() =>
        {
            Assert.That(handling.IsCompleted, Is.False);
            Assert.That(log, Is.EqualTo(new[] { "first started" }), "the second validator started before the first completed");
        });
        log.Add("first completed");
        firstCompletion.SetResult(new ValidationResult());
        await handling;

        Assert.That(log, Is.EqualTo(new[] { "first started", "first completed", "second started", "next" }));
    }

    [Test]
    public async Task Handle_PassesTheCancellationTokenToTheValidators()
    {
        using var cancellation = new CancellationTokenSource();
        var validator = Passing("validator");
        var behavior = Behavior(validator.Object);

        await behavior.Handle(command, Next, cancellation.Token);

        validator.Verify(v => v.ValidateAsync(command, cancellation.Token), Times.Once);
    }

    private static ValidationBehavior<ImportProfilesCommand, ImportResult> Behavior(
        params IValidator<ImportProfilesCommand>[] validators) => new(validators);

    private Mock<IValidator<ImportProfilesCommand>> Passing(string name) => Validator(name, []);

    private Mock<IValidator<ImportProfilesCommand>> Failing(string name, params ValidationFailure[] failures) =>
        Validator(name, failures);

    private Mock<IValidator<ImportProfilesCommand>> Validator(string name, ValidationFailure[] failures)
    {
        var validator = new Mock<IValidator<ImportProfilesCommand>>(MockBehavior.Strict);
        validator.Setup(v => v.ValidateAsync(command, It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                log.Add(name);
                return Task.FromResult(new ValidationResult(failures));
            });
        return validator;
    }

    private ValueTask<ImportResult> Next(ImportProfilesCommand message, CancellationToken cancellationToken)
    {
        log.Add("next");
        return ValueTask.FromResult(HandlerResult);
    }
}
