using Moq;
using QuickImport.Application.Common.Behaviors;
using QuickImport.Application.Common.Security;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Application.UnitTests.Support;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Profiles;

namespace QuickImport.Application.UnitTests.Common.Behaviors;

public sealed class ApiTokenAuthenticationBehaviorTests
{
    private const int AccountId = 42;
    private const string ValidToken = "valid-token";

    private static readonly ImportResult HandlerResult =
        new([ItemOutcome.Imported(ProfileId.FromStorage("663880916d2f4a1b3c000001"), created: true)]);

    private Mock<IApiTokenStore> tokens = null!;
    private CurrentAccount currentAccount = null!;
    private ApiTokenAuthenticationBehavior<ImportProfilesCommand, ImportResult> behavior = null!;
    private List<ImportProfilesCommand> nextCalls = null!;

    [SetUp]
    public void SetUp()
    {
        tokens = new Mock<IApiTokenStore>(MockBehavior.Strict);
        tokens.Setup(t => t.FindAccountAsync(ValidToken, It.IsAny<CancellationToken>())).ReturnsAsync(AccountId);
        tokens.Setup(t => t.FindAccountAsync(It.Is<string>(s => s != ValidToken), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int?)null);
        currentAccount = new CurrentAccount();
        behavior = new ApiTokenAuthenticationBehavior<ImportProfilesCommand, ImportResult>(tokens.Object, currentAccount);
        nextCalls = [];
    }

    [TestCase(null)]
    [TestCase("")]
    public void Handle_NoToken_IsRefusedWithoutAskingTheStoreOrRunningTheHandler(string? token)
    {
        var command = Command(token);

        Assert.ThrowsAsync<InvalidApiTokenException>(async () => await behavior.Handle(command, Next, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(nextCalls, Is.Empty);
            tokens.Verify(t => t.FindAccountAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
            Assert.That(() => currentAccount.Id, Throws.InvalidOperationException);
        });
    }

    [Test]
    public async Task Handle_TrustedAccount_RunsForThatAccountWithoutAToken()
    {
        var command = Command(token: null) with { TrustedAccountId = 77 };

        await behavior.Handle(command, Next, CancellationToken.None);

        Assert.That(currentAccount.Id, Is.EqualTo(77));
        Assert.That(nextCalls, Has.Count.EqualTo(1));
        tokens.Verify(t => t.FindAccountAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("unknown-token")]
    [TestCase("revoked-token")]
    [TestCase(" ")]
    public void Handle_TokenTheStoreDoesNotKnow_IsRefusedWithoutRunningTheHandler(string token)
    {
        var command = Command(token);

        Assert.ThrowsAsync<InvalidApiTokenException>(async () => await behavior.Handle(command, Next, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(nextCalls, Is.Empty);
            tokens.Verify(t => t.FindAccountAsync(token, It.IsAny<CancellationToken>()), Times.Once);
            Assert.That(() => currentAccount.Id, Throws.InvalidOperationException);
        });
    }

    [Test]
    public async Task Handle_ValidToken_AuthenticatesTheStoresAccountAndRunsTheHandlerOnceWithTheSameMessage()
    {
        var command = Command(ValidToken);
        int? accountSeenByHandler = null;

        var result = await behavior.Handle(
            command,
            (message, cancellationToken) =>
            {
                accountSeenByHandler = currentAccount.Id;
                return Next(message, cancellationToken);
            },
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.SameAs(HandlerResult));
            Assert.That(currentAccount.Id, Is.EqualTo(AccountId));
            Assert.That(accountSeenByHandler, Is.EqualTo(AccountId));
            Assert.That(nextCalls, Has.Count.EqualTo(1));
            Assert.That(nextCalls[0], Is.SameAs(command));
        });
    }

    [Test]
    public async Task Handle_ValidToken_PassesTheCancellationTokenToTheStore()
    {
        using var cancellation = new CancellationTokenSource();

        await behavior.Handle(Command(ValidToken), Next, cancellation.Token);

        tokens.Verify(t => t.FindAccountAsync(ValidToken, cancellation.Token), Times.Once);
    }

    private static ImportProfilesCommand Command(string? token) =>
        QuickImportRequest.Command(token, TestRequestParameters.Of(("db_id", "1"), ("email", "ann@example.com")), referer: null);

    private ValueTask<ImportResult> Next(ImportProfilesCommand message, CancellationToken cancellationToken)
    {
        nextCalls.Add(message);
        return ValueTask.FromResult(HandlerResult);
    }
}
