using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Moq;
using QuickImport.Application.Common.Configuration;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Geo;
using QuickImport.Application.Common.Persistence;
using QuickImport.Application.Common.Security;
using QuickImport.Application.Profiles.ImportProfile;
using QuickImport.Application.UnitTests.Support;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using QuickImport.Domain.Tariff;

namespace QuickImport.Application.UnitTests.Profiles.ImportProfile;

public sealed class ImportProfileCommandHandlerTests
{
    private const int AccountId = 11;
    private const int DatabaseId = 7;
    private const int ResourceId = 5;
    private const int TriggerId = 3;
    private const int WorkflowId = 4;

    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ProfileId ExistingId = ProfileId.FromStorage("663880916d2f4a1b3c000001");
    private static readonly ProfileId OtherId = ProfileId.FromStorage("663880916d2f4a1b3c000002");
    private static readonly UniqueValue AnnEmail = new("email", "ann@example.com");

    private Mock<IProfileDatabaseRepository> databases = null!;
    private Mock<IResourceRepository> resources = null!;
    private Mock<IAutomationRepository> automations = null!;
    private Mock<ISubscriptionRepository> subscriptions = null!;
    private Mock<IProfileRepository> profiles = null!;
    private Mock<ITariffLedger> tariff = null!;
    private Mock<IUnitOfWork> unitOfWork = null!;
    private ProfileDatabase database = null!;
    private Resource resource = null!;
    private Automation trigger = null!;
    private Automation workflow = null!;
    private Profile existing = null!;
    private List<string> calls = null!;
    private TariffState tariffState = null!;
    private Deferred<TariffState>? enteredTariff;
    private ImportProfileCommandHandler handler = null!;

    [SetUp]
    public void SetUp()
    {
        calls = [];
        enteredTariff = null;
        database = WithId(new ProfileDatabase(AccountId, "Customers"), DatabaseId);
        database.AddField(new FieldDefinition("loyalty_card", FieldType.String, IsUnique: true));
        resource = WithId(new Resource(DatabaseId, "News", [Channel.Email], doubleOptIn: false), ResourceId);
        trigger = WithId(new Automation(AutomationKind.Trigger, AccountId, DatabaseId, "Welcome", active: true), TriggerId);
        workflow = WithId(new Automation(AutomationKind.Workflow, AccountId, DatabaseId, "Onboarding", active: true), WorkflowId);
        existing = new Profile(
            ExistingId,
            DatabaseId,
            "old@example.com",
            ["+79000000000"],
            new JsonObject { ["_fname"] = "Old", ["_lname"] = "Kept" },
            Earlier,
            Earlier);

        databases = new Mock<IProfileDatabaseRepository>();
        databases.Setup(d => d.FindAsync(AccountId, DatabaseId, It.IsAny<CancellationToken>())).ReturnsAsync(database);

        resources = new Mock<IResourceRepository>();
        resources.Setup(r => r.FindAsync(DatabaseId, ResourceId, It.IsAny<CancellationToken>())).ReturnsAsync(resource);

        automations = new Mock<IAutomationRepository>();
        automations.Setup(a => a.FindAsync(AccountId, AutomationKind.Trigger, TriggerId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(trigger);
        automations.Setup(a => a.FindAsync(AccountId, AutomationKind.Workflow, WorkflowId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(workflow);
        automations.Setup(a => a.EnqueueAsync(It.IsAny<Automation>(), It.IsAny<ProfileId>(), It.IsAny<CancellationToken>()))
            .Callback((Automation automation, ProfileId _, CancellationToken _) => calls.Add($"enqueue {automation.Kind}"))
            .Returns(Task.CompletedTask);

        subscriptions = new Mock<ISubscriptionRepository>();
        subscriptions.Setup(s => s.AddMissingAsync(
                It.IsAny<ProfileId>(), It.IsAny<Resource>(), It.IsAny<IReadOnlyList<SubscriptionContact>>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("subscribe"))
            .Returns(Task.CompletedTask);

        tariff = new Mock<ITariffLedger>();
        GivenTariff(new TariffState(Limit: null, Exceeded: false));
        GivenRoomClaimed(true);

        profiles = new Mock<IProfileRepository>();
        GivenSearchFinds();
        profiles.Setup(p => p.AddAsync(It.IsAny<Profile>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("add"))
            .Returns(Task.CompletedTask);
        profiles.Setup(p => p.UpdateAsync(It.IsAny<Profile>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("update"))
            .Returns(Task.CompletedTask);

        unitOfWork = new Mock<IUnitOfWork>();
        unitOfWork.Setup(u => u.InTransactionAsync(It.IsAny<Func<CancellationToken, Task<ImportProfileResult>>>(), It.IsAny<CancellationToken>()))
            .Returns(async (Func<CancellationToken, Task<ImportProfileResult>> work, CancellationToken cancellationToken) =>
            {
                calls.Add("begin");
                var result = await work(cancellationToken);
                calls.Add("commit");
                return result;
            });

        var currentAccount = new CurrentAccount();
        currentAccount.Authenticate(AccountId);
        var phoneNumbers = new Mock<IPhoneNumberNormalizer>();
        var e164 = "+79123456789";
        phoneNumbers.Setup(p => p.TryNormalize("89123456789", "RU", out e164)).Returns(true);
        var reader = new ProfileImportReader(
            new FieldValueParser(phoneNumbers.Object),
            Mock.Of<IGeoLocator>(),
            Options.Create(new QuickImportSettings { DefaultPhoneRegion = "RU" }));

        handler = new ImportProfileCommandHandler(
            currentAccount,
            databases.Object,
            resources.Object,
            automations.Object,
            subscriptions.Object,
            profiles.Object,
            tariff.Object,
            unitOfWork.Object,
            reader,
            new FixedTimeProvider(Now));
    }

    // ---- refused before the transaction ----

    [Test]
    public void Handle_UnknownDatabase_IsNotFoundAndOpensNoTransaction()
    {
        var error = Assert.ThrowsAsync<NotFoundException>(() => Handle(("db_id", "8"), ("email", "ann@example.com")));

        Assert.That(error!.Detail, Does.Contain("8"));
        VerifyNoTransaction();
    }

    [Test]
    public void Handle_DatabaseIsLookedUpInTheTokensAccount()
    {
        var otherAccount = new CurrentAccount();
        otherAccount.Authenticate(AccountId + 1);
        var otherHandler = new ImportProfileCommandHandler(
            otherAccount,
            databases.Object,
            resources.Object,
            automations.Object,
            subscriptions.Object,
            profiles.Object,
            tariff.Object,
            unitOfWork.Object,
            new ProfileImportReader(
                new FieldValueParser(Mock.Of<IPhoneNumberNormalizer>()),
                Mock.Of<IGeoLocator>(),
                Options.Create(new QuickImportSettings())),
            new FixedTimeProvider(Now));

        Assert.ThrowsAsync<NotFoundException>(
            async () => await otherHandler.Handle(Command(("email", "ann@example.com")), CancellationToken.None));
        VerifyNoTransaction();
    }

    [Test]
    public void Handle_UnknownField_IsRefusedBeforeTheTransaction()
    {
        var error = Assert.ThrowsAsync<InvalidValueException>(() => Handle(("email", "ann@example.com"), ("bogus", "1")));

        Assert.That(error!.Field, Is.EqualTo("bogus"));
        VerifyNoTransaction();
    }

    [Test]
    public void Handle_UnknownResource_IsNotFoundAndOpensNoTransaction()
    {
        Assert.ThrowsAsync<NotFoundException>(() => Handle(("email", "ann@example.com"), ("resource_id", "99")));

        VerifyNoTransaction();
    }

    [Test]
    public void Handle_ResourceIsLookedUpInTheImportsDatabase()
    {
        Assert.That(async () => await Handle(("email", "ann@example.com"), ("resource_id", "5")), Throws.Nothing);

        resources.Verify(r => r.FindAsync(DatabaseId, ResourceId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void Handle_ResourceWithoutTheRequestsChannels_IsRefusedBeforeTheTransaction()
    {
        var smsOnly = WithId(new Resource(DatabaseId, "Sms", [Channel.Sms], doubleOptIn: false), 6);
        resources.Setup(r => r.FindAsync(DatabaseId, 6, It.IsAny<CancellationToken>())).ReturnsAsync(smsOnly);

        var error = Assert.ThrowsAsync<InvalidValueException>(() => Handle(("email", "ann@example.com"), ("resource_id", "6")));

        Assert.That(error!.Field, Is.EqualTo("resource_id"));
        VerifyNoTransaction();
    }

    [TestCase("trigger_id")]
    [TestCase("workflow_id")]
    public void Handle_UnknownAutomation_IsNotFoundAndOpensNoTransaction(string parameter)
    {
        Assert.ThrowsAsync<NotFoundException>(() => Handle(("email", "ann@example.com"), (parameter, "99")));

        VerifyNoTransaction();
    }

    [Test]
    public void Handle_TriggerOfAnotherDatabase_IsNotFoundAndOpensNoTransaction()
    {
        var elsewhere = WithId(new Automation(AutomationKind.Trigger, AccountId, DatabaseId + 1, "Elsewhere", active: true), 30);
        automations.Setup(a => a.FindAsync(AccountId, AutomationKind.Trigger, 30, It.IsAny<CancellationToken>())).ReturnsAsync(elsewhere);

        Assert.ThrowsAsync<NotFoundException>(() => Handle(("email", "ann@example.com"), ("trigger_id", "30")));

        VerifyNoTransaction();
    }

    [Test]
    public void Handle_WorkflowOfAnotherDatabase_IsNotFoundAndOpensNoTransaction()
    {
        var elsewhere = WithId(new Automation(AutomationKind.Workflow, AccountId, DatabaseId + 1, "Elsewhere", active: true), 40);
        automations.Setup(a => a.FindAsync(AccountId, AutomationKind.Workflow, 40, It.IsAny<CancellationToken>())).ReturnsAsync(elsewhere);

        Assert.ThrowsAsync<NotFoundException>(() => Handle(("email", "ann@example.com"), ("workflow_id", "40")));

        VerifyNoTransaction();
    }

    [Test]
    public void Handle_TriggerIdNamingAWorkflow_IsNotFound()
    {
        // The workflow's id is looked up as a trigger: the account has no trigger with that id.
        Assert.ThrowsAsync<NotFoundException>(() => Handle(("email", "ann@example.com"), ("trigger_id", WorkflowId.ToString(CultureInfo.InvariantCulture))));

        VerifyNoTransaction();
    }

    [Test]
    public void Handle_InactiveTrigger_IsAnInvalidValueAndOpensNoTransaction()
    {
        trigger.SetActive(false);

        var error = Assert.ThrowsAsync<InvalidValueException>(() => Handle(("email", "ann@example.com"), ("trigger_id", "3")));

        Assert.That(error!.Field, Is.EqualTo("trigger_id"));
        VerifyNoTransaction();
    }

    [Test]
    public void Handle_InactiveWorkflow_IsAnInvalidValueAndOpensNoTransaction()
    {
        workflow.SetActive(false);

        var error = Assert.ThrowsAsync<InvalidValueException>(() => Handle(("email", "ann@example.com"), ("workflow_id", "4")));

        Assert.That(error!.Field, Is.EqualTo("workflow_id"));
        VerifyNoTransaction();
    }

    // ---- refused inside the transaction ----

    [Test]
    public void Handle_AccountOverItsLimit_IsRefusedBeforeMatchingDecidesAnything()
    {
        GivenTariff(new TariffState(Limit: 10, Exceeded: true));
        GivenSearchFinds(matches: [ExistingId, OtherId]);

        // The state is read with the search, in its round trip; an ambiguous match would be a 409.
        var error = Assert.ThrowsAsync<TariffExceededException>(() => Handle(("email", "ann@example.com")));

        Assert.That(error!.Limit, Is.EqualTo(10));
        VerifyNothingWritten();
    }

    [Test]
    public void Handle_TwoMatches_IsAmbiguousAndWritesNothing()
    {
        GivenSearchFinds(matches: [ExistingId, OtherId]);

        var error = Assert.ThrowsAsync<AmbiguousMatchException>(
            () => Handle(("email", "ann@example.com"), ("resource_id", "5"), ("trigger_id", "3")));

        Assert.That(error!.Candidates, Is.EquivalentTo(new[] { ExistingId, OtherId }));
        VerifyNothingWritten();
    }

    [Test]
    public void Handle_UniqueValueHeldByAnotherProfileOnUpdate_IsAConflictAndWritesNothing()
    {
        GivenSearchFinds([ExistingId], (new UniqueValue("loyalty_card", "ABC-1"), OtherId));

        var error = Assert.ThrowsAsync<UniquenessConflictException>(
            () => Handle(("email", "ann@example.com"), ("loyalty_card", "ABC-1"), ("resource_id", "5")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("loyalty_card"));
            Assert.That(error.ConflictingProfileId, Is.EqualTo(OtherId));
        });
        VerifyNothingWritten();
    }

    [Test]
    public void Handle_UniqueValueHeldByAnotherProfileOnCreate_IsAConflictAndWritesNothing()
    {
        GivenTariff(new TariffState(Limit: 10, Exceeded: false));
        GivenSearchFinds([], (AnnEmail, OtherId));

        var error = Assert.ThrowsAsync<UniquenessConflictException>(() => Handle(("matching", "phone"), ("phone", "89123456789"), ("email", "ann@example.com")));

        Assert.That(error!.Field, Is.EqualTo("email"));
        tariff.Verify(t => t.TryClaimRoomAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        VerifyNothingWritten();
    }

    [Test]
    public async Task Handle_UniqueValuesTheMatchedProfileHoldsItself_AreNoConflict()
    {
        GivenSearchFinds([ExistingId], (AnnEmail, ExistingId));

        var result = await Handle(("email", "ann@example.com"));

        Assert.That(result, Is.EqualTo(new ImportProfileResult(ExistingId, Created: false)));
    }

    [Test]
    public void Handle_CreateAtTheLimit_IsRefusedAndAddsNothing()
    {
        GivenTariff(new TariffState(Limit: 10, Exceeded: false));
        GivenRoomClaimed(false);

        var error = Assert.ThrowsAsync<TariffLimitReachedException>(
            () => Handle(("email", "ann@example.com"), ("resource_id", "5"), ("workflow_id", "4")));

        Assert.That(error!.Limit, Is.EqualTo(10));
        tariff.Verify(t => t.TryClaimRoomAsync(AccountId, It.IsAny<CancellationToken>()), Times.Once);
        VerifyNothingWritten();
    }

    [Test]
    public void Handle_ProfileIdMatchingFindsNothing_IsNotFoundAndCreatesNothing()
    {
        var error = Assert.ThrowsAsync<ProfileNotFoundException>(
            () => Handle(("matching", "profile_id"), ("profile_id", ExistingId.Value), ("_fname", "Ann")));

        Assert.That(error!.ProfileId, Is.EqualTo(ExistingId));
        VerifyNothingWritten();
    }

    [Test]
    public void Handle_CreateWithoutARequiredField_IsRefusedAndAddsNothing()
    {
        database.AddField(new FieldDefinition("contract", FieldType.String, IsRequired: true));

        var error = Assert.ThrowsAsync<InvalidValueException>(() => Handle(("email", "ann@example.com")));

        Assert.That(error!.Field, Is.EqualTo("contract"));
        VerifyNothingWritten();
    }

    // ---- writes ----

    [Test]
    public async Task Handle_UpdateWithoutARequiredField_IsAllowed()
    {
        database.AddField(new FieldDefinition("contract", FieldType.String, IsRequired: true));
        GivenSearchFinds([ExistingId]);

        var result = await Handle(("email", "ann@example.com"));

        Assert.That(result.Created, Is.False);
    }

    [Test]
    public async Task Handle_CreateWithinTheLimit_ClaimsRoomThenAdds()
    {
        GivenTariff(new TariffState(Limit: 10, Exceeded: false));

        var result = await Handle(("email", "ann@example.com"));

        Assert.That(result.Created, Is.True);
        tariff.Verify(t => t.TryClaimRoomAsync(AccountId, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(calls, Is.EqualTo(new[] { "begin", "tariff", "search", "claim", "add", "commit" }));
    }

    [Test]
    public async Task Handle_CreateWithoutALimit_NeverClaimsRoom()
    {
        var result = await Handle(("email", "ann@example.com"));

        Assert.That(result.Created, Is.True);
        tariff.Verify(t => t.TryClaimRoomAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        profiles.Verify(p => p.AddAsync(It.IsAny<Profile>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_OneMatch_UpdatesTheMergedProfile()
    {
        GivenTariff(new TariffState(Limit: 10, Exceeded: false));
        GivenSearchFinds([ExistingId]);
        Profile? updated = null;
        IReadOnlyList<UniqueValue>? updatedUniqueValues = null;
        profiles.Setup(p => p.UpdateAsync(It.IsAny<Profile>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()))
            .Callback((Profile profile, IReadOnlyList<UniqueValue> uniqueValues, CancellationToken _) =>
            {
                updated = profile;
                updatedUniqueValues = uniqueValues;
                calls.Add("update");
            })
            .Returns(Task.CompletedTask);

        var result = await Handle(("email", "Ann@Example.com"), ("_fname", "Ann"), ("phone", "89123456789"), ("loyalty_card", "ABC-1"));

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new ImportProfileResult(ExistingId, Created: false)));
            Assert.That(updated, Is.SameAs(existing));
            Assert.That(updated!.Email, Is.EqualTo("Ann@example.com"));
            Assert.That(updated.Phones, Is.EqualTo(new[] { "+79000000000", "+79123456789" }));
            Assert.That(updated.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
            Assert.That(updated.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Kept"));
            Assert.That(updated.Fields["loyalty_card"]!.GetValue<string>(), Is.EqualTo("ABC-1"));
            Assert.That(updated.Fields, Does.Not.ContainKey("_regdate"));
            Assert.That(updated.CreatedAt, Is.EqualTo(Earlier));
            Assert.That(updated.UpdatedAt, Is.EqualTo(Now));
            Assert.That(updatedUniqueValues, Is.EquivalentTo(new[] { AnnEmail, new UniqueValue("loyalty_card", "ABC-1") }));
        });
        profiles.Verify(p => p.AddAsync(It.IsAny<Profile>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()), Times.Never);
        tariff.Verify(t => t.TryClaimRoomAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(calls, Is.EqualTo(new[] { "begin", "tariff", "search", "update", "commit" }));
    }

    [Test]
    public async Task Handle_OneMatch_SubscribesAndEnrollsTheMatchedProfile()
    {
        GivenSearchFinds([ExistingId]);

        await Handle(("email", "ann@example.com"), ("resource_id", "5"), ("trigger_id", "3"), ("workflow_id", "4"));

        subscriptions.Verify(
            s => s.AddMissingAsync(ExistingId, resource, It.IsAny<IReadOnlyList<SubscriptionContact>>(), It.IsAny<CancellationToken>()),
            Times.Once);
        automations.Verify(a => a.EnqueueAsync(trigger, ExistingId, It.IsAny<CancellationToken>()), Times.Once);
        automations.Verify(a => a.EnqueueAsync(workflow, ExistingId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_NoMatch_AddsANewProfileSubscribesAndEnrollsIt()
    {
        Profile? added = null;
        IReadOnlyList<UniqueValue>? addedUniqueValues = null;
        profiles.Setup(p => p.AddAsync(It.IsAny<Profile>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()))
            .Callback((Profile profile, IReadOnlyList<UniqueValue> uniqueValues, CancellationToken _) =>
            {
                added = profile;
                addedUniqueValues = uniqueValues;
                calls.Add("add");
            })
            .Returns(Task.CompletedTask);
        IReadOnlyList<SubscriptionContact>? contacts = null;
        subscriptions.Setup(s => s.AddMissingAsync(
                It.IsAny<ProfileId>(), It.IsAny<Resource>(), It.IsAny<IReadOnlyList<SubscriptionContact>>(), It.IsAny<CancellationToken>()))
            .Callback((ProfileId _, Resource _, IReadOnlyList<SubscriptionContact> sent, CancellationToken _) =>
            {
                contacts = sent;
                calls.Add("subscribe");
            })
            .Returns(Task.CompletedTask);

        var result = await Handle(
            ("email", "Ann@Example.com"),
            ("_fname", "Ann"),
            ("resource_id", "5"),
            ("trigger_id", "3"),
            ("workflow_id", "4"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Created, Is.True);
            Assert.That(result.ProfileId, Is.Not.EqualTo(ExistingId));
            Assert.That(result.ProfileId.Value, Does.StartWith(Now.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture)));
            Assert.That(added, Is.Not.Null);
            Assert.That(added!.Id, Is.EqualTo(result.ProfileId));
            Assert.That(added.DatabaseId, Is.EqualTo(DatabaseId));
            Assert.That(added.Email, Is.EqualTo("Ann@example.com"));
            Assert.That(added.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
            Assert.That(added.Fields["_regdate"]!.GetValue<string>(), Is.EqualTo("2025-03-04T05:06:07Z"));
            Assert.That(added.CreatedAt, Is.EqualTo(Now));
            Assert.That(addedUniqueValues, Is.EqualTo(new[] { AnnEmail }));
            Assert.That(contacts, Is.EqualTo(new[] { new SubscriptionContact(Channel.Email, "Ann@example.com", "ann@example.com") }));
        });
        subscriptions.Verify(
            s => s.AddMissingAsync(result.ProfileId, resource, It.IsAny<IReadOnlyList<SubscriptionContact>>(), It.IsAny<CancellationToken>()),
            Times.Once);
        automations.Verify(a => a.EnqueueAsync(trigger, result.ProfileId, It.IsAny<CancellationToken>()), Times.Once);
        automations.Verify(a => a.EnqueueAsync(workflow, result.ProfileId, It.IsAny<CancellationToken>()), Times.Once);
        profiles.Verify(p => p.UpdateAsync(It.IsAny<Profile>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(
            calls,
            Is.EqualTo(new[] { "begin", "tariff", "search", "add", "subscribe", "enqueue Trigger", "enqueue Workflow", "commit" }));
    }

    [Test]
    public async Task Handle_NoResourceNorAutomation_SubscribesAndEnrollsNothing()
    {
        await Handle(("email", "ann@example.com"));

        subscriptions.VerifyNoOtherCalls();
        automations.Verify(a => a.EnqueueAsync(It.IsAny<Automation>(), It.IsAny<ProfileId>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    // ---- locking ----

    [Test]
    public async Task Handle_SearchesUnderLocksOnEveryIdentityItReadsOrClaims()
    {
        IReadOnlyCollection<string>? locked = null;
        IReadOnlyList<UniqueValue>? claimed = null;
        profiles.Setup(p => p.SearchAsync(
                DatabaseId, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<MatchCriteria>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()))
            .Callback((int _, IReadOnlyCollection<string> identities, MatchCriteria _, IReadOnlyList<UniqueValue> values, CancellationToken _) =>
            {
                locked = identities;
                claimed = values;
                TariffReadWithTheSearch();
            })
            .ReturnsAsync(new ProfileSearch([], []));

        await Handle(("email", "Ann@Example.com"), ("loyalty_card", "ABC-1"));

        Assert.Multiple(() =>
        {
            Assert.That(locked, Is.EquivalentTo(new[] { "email=ann@example.com", "loyalty_card=ABC-1" }));
            Assert.That(claimed, Is.EquivalentTo(new[] { AnnEmail, new UniqueValue("loyalty_card", "ABC-1") }));
        });
    }

    [Test]
    public async Task Handle_SearchesTheImportsDatabaseWithTheNormalizedCriteria()
    {
        MatchCriteria? searched = null;
        profiles.Setup(p => p.SearchAsync(
                DatabaseId, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<MatchCriteria>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()))
            .Callback((int _, IReadOnlyCollection<string> _, MatchCriteria criteria, IReadOnlyList<UniqueValue> _, CancellationToken _) =>
            {
                searched = criteria;
                TariffReadWithTheSearch();
            })
            .ReturnsAsync(new ProfileSearch([], []));

        await Handle(("matching", "email_phone"), ("email", "Ann@Example.com"), ("phone", "89123456789"));

        Assert.Multiple(() =>
        {
            Assert.That(searched!.Mode, Is.EqualTo(MatchingMode.EmailOrPhone));
            Assert.That(searched.Email!.Key, Is.EqualTo("ann@example.com"));
            Assert.That(searched.Phone, Is.EqualTo("+79123456789"));
        });
    }

    private static T WithId<T>(T entity, int id)
        where T : class
    {
        // Ids are assigned by the database; the tests give them the way EF Core does.
        typeof(T).GetProperty("Id")!.SetValue(entity, id);
        return entity;
    }

    private static ImportProfileCommand Command(params (string Name, string Value)[] parameters)
    {
        var sent = parameters.Any(p => p.Name == "db_id")
            ? parameters
            : [("db_id", DatabaseId.ToString(CultureInfo.InvariantCulture)), .. parameters];
        return new ImportProfileCommand("token", TestRequestParameters.Of(sent), Referer: null);
    }

    private async Task<ImportProfileResult> Handle(params (string Name, string Value)[] parameters) =>
        await handler.Handle(Command(parameters), CancellationToken.None);

    /// <summary>The ledger's state, read (as in PostgreSQL) when the search runs.</summary>
    private void GivenTariff(TariffState state) =>
        tariff.Setup(t => t.Enter(AccountId))
            .Callback(() => calls.Add("tariff"))
            .Returns(() =>
            {
                tariffState = state;
                return enteredTariff = new Deferred<TariffState>();
            });

    private void GivenRoomClaimed(bool claimed) =>
        tariff.Setup(t => t.TryClaimRoomAsync(AccountId, It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("claim"))
            .ReturnsAsync(claimed);

    private void TariffReadWithTheSearch() => enteredTariff?.Resolve(tariffState);

    /// <param name="matches">The matched profiles' ids: <see cref="ExistingId"/> finds <see cref="existing"/>.</param>
    private void GivenSearchFinds(ProfileId[]? matches = null, params (UniqueValue Value, ProfileId Holder)[] holders) =>
        profiles.Setup(p => p.SearchAsync(
                DatabaseId, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<MatchCriteria>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                calls.Add("search");
                TariffReadWithTheSearch();
            })
            .ReturnsAsync(() => new ProfileSearch([.. (matches ?? []).Select(StoredProfile)], holders));

    private Profile StoredProfile(ProfileId id) =>
        id == ExistingId ? existing : new Profile(id, DatabaseId, null, [], [], Earlier, Earlier);

    private void VerifyNoTransaction()
    {
        unitOfWork.Verify(
            u => u.InTransactionAsync(It.IsAny<Func<CancellationToken, Task<ImportProfileResult>>>(), It.IsAny<CancellationToken>()),
            Times.Never);
        tariff.VerifyNoOtherCalls();
        profiles.VerifyNoOtherCalls();
        subscriptions.VerifyNoOtherCalls();
        automations.Verify(a => a.EnqueueAsync(It.IsAny<Automation>(), It.IsAny<ProfileId>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private void VerifyNothingWritten()
    {
        profiles.Verify(p => p.AddAsync(It.IsAny<Profile>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()), Times.Never);
        profiles.Verify(p => p.UpdateAsync(It.IsAny<Profile>(), It.IsAny<IReadOnlyList<UniqueValue>>(), It.IsAny<CancellationToken>()), Times.Never);
        subscriptions.Verify(
            s => s.AddMissingAsync(It.IsAny<ProfileId>(), It.IsAny<Resource>(), It.IsAny<IReadOnlyList<SubscriptionContact>>(), It.IsAny<CancellationToken>()),
            Times.Never);
        automations.Verify(a => a.EnqueueAsync(It.IsAny<Automation>(), It.IsAny<ProfileId>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(calls, Does.Not.Contain("commit"));
    }
}
