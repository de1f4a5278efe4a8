using Microsoft.Extensions.Options;
using Moq;
using QuickImport.Application.Common.Configuration;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Geo;
using QuickImport.Application.Common.Security;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Application.UnitTests.Support;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using QuickImport.Domain.Tariff;

namespace QuickImport.Application.UnitTests.Profiles.ImportProfiles;

/// <summary>The handler's story: read the items, look up the request's metadata, then one search, the decisions, one write — for each chunk of a large import.</summary>
public sealed class ImportProfilesCommandHandlerTests
{
    private const int AccountId = 5;
    private const int DatabaseId = 9;
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private Mock<IProfileDatabaseRepository> databases = null!;
    private Mock<IResourceRepository> resources = null!;
    private Mock<IAutomationRepository> automations = null!;
    private FakeImportStore store = null!;
    private ImportProfilesCommandHandler handler = null!;

    [SetUp]
    public void SetUp()
    {
        var database = new ProfileDatabase(AccountId, "Customers");
        typeof(ProfileDatabase).GetProperty(nameof(ProfileDatabase.Id))!.SetValue(database, DatabaseId);
        database.AddField(new FieldDefinition("age", FieldType.Int));
        databases = new Mock<IProfileDatabaseRepository>();
        databases.Setup(d => d.FindAsync(AccountId, DatabaseId, It.IsAny<CancellationToken>())).ReturnsAsync(database);
        resources = new Mock<IResourceRepository>(MockBehavior.Strict);
        automations = new Mock<IAutomationRepository>(MockBehavior.Strict);
        store = new FakeImportStore();
        var account = new CurrentAccount();
        typeof(CurrentAccount).GetMethod("Authenticate", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .Invoke(account, [AccountId]);
        var reader = new ProfileImportReader(
            new FieldValueParser(Mock.Of<IPhoneNumberNormalizer>()),
            Mock.Of<IGeoLocator>(),
            Options.Create(new QuickImportSettings { DefaultPhoneRegion = "RU" }));
        handler = new ImportProfilesCommandHandler(account, databases.Object, resources.Object, automations.Object, store, reader, new FixedTimeProvider(Now));
    }

    [Test]
    public void An_unknown_database_is_404_and_opens_no_transaction()
    {
        var command = Command(Request(Items(("email", "a@example.com"))) with { DatabaseId = 404 });

        Assert.ThrowsAsync<NotFoundException>(async () => await handler.Handle(command, CancellationToken.None));
        Assert.That(store.Transactions, Is.Zero);
    }

    [Test]
    public async Task An_items_bad_field_is_answered_before_the_requests_missing_resource_and_opens_no_transaction()
    {
        var request = Request(Items(("email", "a@example.com"), ("age", "x"))) with { ResourceId = 77 };

        var result = await handler.Handle(Command(request), CancellationToken.None);

        Assert.That(result.Items.Single().Error, Is.TypeOf<InvalidValueException>());
        Assert.That(store.Transactions, Is.Zero);
        resources.VerifyNoOtherCalls();
    }

    [Test]
    public void A_missing_resource_with_an_item_standing_is_404_for_the_request()
    {
        resources.Setup(r => r.FindAsync(DatabaseId, 77, It.IsAny<CancellationToken>())).ReturnsAsync((Resource?)null);
        var request = Request(Items(("email", "a@example.com"))) with { ResourceId = 77 };

        Assert.ThrowsAsync<NotFoundException>(async () => await handler.Handle(Command(request), CancellationToken.None));
        Assert.That(store.Transactions, Is.Zero);
    }

    [Test]
    public async Task Refused_items_are_answered_in_place_and_only_the_others_are_searched_and_written()
    {
        var request = Request(Items(("email", "a@example.com")), Items(("email", "bad")), Items(("email", "c@example.com")));

        var result = await handler.Handle(Command(request), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Select(i => i.Succeeded), Is.EqualTo(new[] { true, false, true }));
            Assert.That(store.Transactions, Is.EqualTo(1));
            Assert.That(store.Searches.Single().Lookups, Has.Count.EqualTo(4), "the profile email and subscribers of a@ and c@");
            Assert.That(store.Written.Single().Writes.Created, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Without_a_limit_no_room_is_claimed()
    {
        await handler.Handle(Command(Request(Items(("email", "a@example.com")))), CancellationToken.None);

        Assert.That(store.RoomWanted, Is.Empty);
    }

    [Test]
    public async Task With_less_room_than_creates_the_items_are_decided_again_and_the_first_creates_get_it()
    {
        store.Snapshot = store.Snapshot with { Tariff = new TariffState(Limit: 10, Exceeded: false) };
        store.Room = 2;
        var request = Request([.. Enumerable.Range(0, 5).Select(i => Items(("email", $"n{i}@example.com")))]);

        var result = await handler.Handle(Command(request), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(store.RoomWanted, Is.EqualTo(new[] { 5 }), "room for every create, in one claim");
            Assert.That(result.Items.Select(i => i.Created), Is.EqualTo(new[] { true, true, false, false, false }));
            Assert.That(result.Items.Skip(2).Select(i => i.Error), Has.All.TypeOf<TariffLimitReachedException>());
            Assert.That(store.Written.Single().Writes.Created, Has.Count.EqualTo(2));
            Assert.That(store.Written.Single().UnusedRoom, Is.Zero);
        });
    }

    [Test]
    public async Task Skipping_triggers_looks_up_no_trigger_and_enrolls_nothing()
    {
        var request = Request(Items(("email", "a@example.com"))) with { TriggerId = 3, SkipTriggers = true };

        await handler.Handle(Command(request), CancellationToken.None);

        automations.VerifyNoOtherCalls();
        Assert.That(store.Written.Single().Writes.Enrollments, Is.Empty);
    }

    [Test]
    public async Task Each_imported_item_is_enrolled_in_the_trigger()
    {
        var trigger = new Automation(AutomationKind.Trigger, AccountId, DatabaseId, "Welcome", active: true);
        automations.Setup(a => a.FindAsync(AccountId, AutomationKind.Trigger, 3, It.IsAny<CancellationToken>())).ReturnsAsync(trigger);
        var request = Request(Items(("email", "a@example.com")), Items(("email", "b@example.com"))) with { TriggerId = 3 };

        await handler.Handle(Command(request), CancellationToken.None);

        Assert.That(store.Written.Single().Writes.Enrollments.Select(e => e.Automation), Is.EqualTo(new[] { trigger, trigger }));
    }

    [Test]
    public async Task An_import_of_more_than_a_chunk_locks_what_all_its_items_match_then_searches_and_writes_chunk_by_chunk()
    {
        var count = (ImportProfilesCommandHandler.ItemsPerChunk * 2) + 500;
        var request = Request([.. Enumerable.Range(0, count).Select(i => Items(("email", $"n{i}@example.com")))]);

        var result = await handler.Handle(Command(request), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Items, Has.Count.EqualTo(count).And.All.Property(nameof(ItemOutcome.Succeeded)).True);
            Assert.That(store.Transactions, Is.EqualTo(1));
            Assert.That(store.LockedAll.Single().Lookups, Has.Count.EqualTo(count * 2), "every item's profile email and subscribers, before the first chunk");
            Assert.That(store.Searches.Select(s => s.Lookups.Count), Is.EqualTo(new[] { 2000, 2000, 1000 }));
            Assert.That(store.Written.Select(w => w.Writes.Created.Count), Is.EqualTo(new[] { 1000, 1000, 500 }));
        });
    }

    [Test]
    public async Task An_import_of_one_chunk_locks_nothing_beforehand_and_searches_once()
    {
        var request = Request([.. Enumerable.Range(0, ImportProfilesCommandHandler.ItemsPerChunk).Select(i => Items(("email", $"n{i}@example.com")))]);

        await handler.Handle(Command(request), CancellationToken.None);

        Assert.That(store.LockedAll, Is.Empty);
        Assert.That(store.Searches, Has.Count.EqualTo(1));
    }

    private static ImportItem Items(params (string Name, string Value)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => (IReadOnlyList<string>)[f.Value]), [], []);

    private static ImportRequest Request(params ImportItem[] items) =>
        new(DatabaseId, ImportKind.FindOrCreate, MatchingMode.Email, null, null, null, null, items);

    private static ImportProfilesCommand Command(ImportRequest request) => new("token", request, []);
}
