using System.Text.Json.Nodes;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using QuickImport.Domain.Tariff;

namespace QuickImport.Domain.UnitTests.Importing;

/// <summary>An import's items decided in order, as if each were imported after the one before it.</summary>
public sealed class ImportBatchTests
{
    private const int DatabaseId = 7;
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ProfileId Ann = ProfileId.FromStorage("663880916d2f4a1b3c000001");
    private static readonly ProfileId Bob = ProfileId.FromStorage("663880916d2f4a1b3c000002");
    private static readonly TariffState NoLimit = new(Limit: null, Exceeded: false);

    private ProfileDatabase database = null!;
    private Resource news = null!;

    [SetUp]
    public void SetUp()
    {
        database = new ProfileDatabase(accountId: 1, "Customers");
        typeof(ProfileDatabase).GetProperty(nameof(ProfileDatabase.Id))!.SetValue(database, DatabaseId);
        news = new Resource(DatabaseId, "News", [Channel.Email, Channel.Sms], doubleOptIn: false);
        typeof(Resource).GetProperty(nameof(Resource.Id))!.SetValue(news, 3);
    }

    [Test]
    public void The_same_new_email_twice_makes_one_profile_the_second_item_updating_what_the_first_created()
    {
        var decisions = Decide([ByEmail("ann@example.com", ("_fname", "Ann")), ByEmail("ANN@example.com", ("_lname", "Lee"))], Snapshot());

        Assert.Multiple(() =>
        {
            Assert.That(decisions.Outcomes[0].Created, Is.True);
            Assert.That(decisions.Outcomes[1].Created, Is.False);
            Assert.That(decisions.Outcomes[1].ProfileId, Is.EqualTo(decisions.Outcomes[0].ProfileId));
            Assert.That(decisions.Writes.Created, Has.Count.EqualTo(1));
            Assert.That(decisions.Writes.Created[0].Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
            Assert.That(decisions.Writes.Created[0].Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Lee"));
            Assert.That(decisions.Writes.ClaimedUniqueValues, Has.Count.EqualTo(1));
            Assert.That(decisions.Creates, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_refused_item_changes_nothing_and_the_items_after_it_go_on()
    {
        // Matched by phone to Bob while sending Ann's email: 435, and Bob keeps his name.
        var snapshot = Snapshot(
            [Stored(Ann, "ann@example.com"), Stored(Bob, null, phone: "+79000000002")],
            holders: [(Email("ann@example.com"), Ann)]);
        var decisions = Decide(
            [
                Item(MatchingMode.Phone, email: "ann@example.com", phone: "+79000000002", fields: [("_fname", "Bob")]),
                ByEmail("carl@example.com"),
            ],
            snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(decisions.Outcomes[0].Error, Is.TypeOf<UniquenessConflictException>());
            Assert.That(((UniquenessConflictException)decisions.Outcomes[0].Error!).ConflictingProfileId, Is.EqualTo(Ann));
            Assert.That(decisions.Outcomes[1].Created, Is.True);
            Assert.That(decisions.Writes.Updated, Is.Empty, "Bob was not written");
            Assert.That(decisions.Writes.Created, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Two_matches_are_ambiguous_for_that_item_alone()
    {
        var snapshot = Snapshot(
            [Stored(Ann, "ann@example.com"), Stored(Bob, null, phone: "+79000000002")],
            holders: [(Email("ann@example.com"), Ann)]);
        var decisions = Decide(
            [Item(MatchingMode.EmailOrPhone, email: "ann@example.com", phone: "+79000000002"), ByEmail("ann@example.com", ("_fname", "A"))],
            snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(decisions.Outcomes[0].Error, Is.TypeOf<AmbiguousMatchException>());
            Assert.That(decisions.Outcomes[1].ProfileId, Is.EqualTo(Ann));
            Assert.That(decisions.Writes.Updated.Select(p => p.Id), Is.EqualTo(new[] { Ann }));
        });
    }

    [Test]
    public void With_room_for_three_the_first_three_creating_items_are_created_and_updates_still_go_through()
    {
        var snapshot = Snapshot([Stored(Ann, "ann@example.com")], holders: [(Email("ann@example.com"), Ann)], tariff: new TariffState(10, false));
        List<ItemImport> items = [.. Enumerable.Range(0, 5).Select(i => ByEmail($"new{i}@example.com")), ByEmail("ann@example.com", ("_fname", "Ann"))];

        var decisions = Decide(items, snapshot, room: 3);

        Assert.Multiple(() =>
        {
            Assert.That(decisions.Outcomes.Take(3).All(o => o.Created), Is.True);
            Assert.That(decisions.Outcomes.Skip(3).Take(2).Select(o => o.Error), Has.All.TypeOf<TariffLimitReachedException>());
            Assert.That(decisions.Outcomes[5].ProfileId, Is.EqualTo(Ann));
            Assert.That(decisions.Creates, Is.EqualTo(3));
        });
    }

    [Test]
    public void An_account_over_its_lowered_limit_refuses_every_item()
    {
        var decisions = Decide([ByEmail("a@example.com"), ByEmail("b@example.com")], Snapshot(tariff: new TariffState(1, Exceeded: true)));

        Assert.That(decisions.Outcomes.Select(o => o.Error), Has.All.TypeOf<TariffExceededException>());
        Assert.That(decisions.Writes.Created.Concat(decisions.Writes.Updated), Is.Empty);
    }

    [Test]
    public void Create_only_refuses_an_item_whose_email_another_profile_holds()
    {
        var snapshot = Snapshot([], holders: [(Email("ann@example.com"), Ann)]);

        var decisions = Decide([ByEmail("ann@example.com"), ByEmail("bob@example.com")], snapshot, kind: ImportKind.CreateOnly);

        Assert.That(decisions.Outcomes[0].Error, Is.TypeOf<UniquenessConflictException>());
        Assert.That(decisions.Outcomes[1].Created, Is.True);
    }

    [Test]
    public void Update_only_refuses_an_item_that_matches_no_profile()
    {
        var snapshot = Snapshot([Stored(Ann, "ann@example.com")], holders: [(Email("ann@example.com"), Ann)]);

        var decisions = Decide([ByEmail("nobody@example.com"), ByEmail("ann@example.com", ("_fname", "Ann"))], snapshot, kind: ImportKind.UpdateOnly);

        Assert.That(decisions.Outcomes[0].Error, Is.TypeOf<UnmatchedProfileException>());
        Assert.That(decisions.Outcomes[1].ProfileId, Is.EqualTo(Ann));
        Assert.That(decisions.Writes.Created, Is.Empty);
    }

    [Test]
    public void An_email_a_profile_gives_up_is_free_for_the_items_after_it()
    {
        // Ann, found by phone, moves to a new email; the next item takes her old one for a new profile.
        var snapshot = Snapshot([Stored(Ann, "old@example.com", phone: "+79000000001")], holders: [(Email("old@example.com"), Ann)]);

        var decisions = Decide(
            [Item(MatchingMode.Phone, email: "new@example.com", phone: "+79000000001"), ByEmail("old@example.com")],
            snapshot);

        var carl = decisions.Outcomes[1].ProfileId!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(decisions.Outcomes[1].Created, Is.True);
            Assert.That(decisions.Writes.ReleasedUniqueValues, Is.EqualTo(new[] { (Ann, "email") }));
            Assert.That(decisions.Writes.ClaimedUniqueValues, Is.EquivalentTo(new[] { (Ann, Email("new@example.com")), (carl, Email("old@example.com")) }));
        });
    }

    [Test]
    public void With_phone_matching_every_phone_of_the_item_is_a_key()
    {
        var snapshot = Snapshot([Stored(Ann, null, phone: "+79000000009")]);

        var decisions = Decide([Item(MatchingMode.Phone, phones: ["+79000000001", "+79000000009"])], snapshot);

        Assert.That(decisions.Outcomes[0].ProfileId, Is.EqualTo(Ann));
        Assert.That(decisions.Writes.Updated[0].Phones, Is.EqualTo(new[] { "+79000000009", "+79000000001" }));
    }

    [Test]
    public void A_phone_an_earlier_item_gave_a_profile_is_found_by_the_phone_matching_items_after_it()
    {
        var decisions = Decide(
            [Item(MatchingMode.Email, email: "ann@example.com", phone: "+79000000001"), Item(MatchingMode.Phone, phone: "+79000000001"), Item(MatchingMode.Phone, phone: "+79000000001")],
            Snapshot());

        Assert.That(decisions.Outcomes.Select(o => o.ProfileId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(decisions.Writes.Created, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_subscription_asked_for_twice_is_written_once_and_a_later_unsubscribe_wins()
    {
        var subscribe = new PlannedSubscription(news, new SubscriptionContact(Channel.Email, "ann@example.com", "ann@example.com"));
        var unsubscribe = subscribe with { Status = SubscriptionStatus.Unsubscribed };

        var decisions = Decide([ByEmail("ann@example.com") with { Subscriptions = [subscribe] }, ByEmail("ann@example.com") with { Subscriptions = [unsubscribe] }], Snapshot());

        Assert.That(decisions.Writes.Subscriptions, Has.Count.EqualTo(1));
        Assert.That(decisions.Writes.Subscriptions[0].Status, Is.EqualTo(SubscriptionStatus.Unsubscribed));
        Assert.That(decisions.Writes.Subscriptions[0].Unsubscribes, Is.True);
    }

    [Test]
    public void A_subscription_an_item_made_is_found_by_the_items_after_it()
    {
        var subscribe = new PlannedSubscription(news, new SubscriptionContact(Channel.Email, "ann@example.com", "ann@example.com"));

        var decisions = Decide([ByEmail("ann@example.com") with { Subscriptions = [subscribe] }, Item(MatchingMode.EmailSubscription, email: "ann@example.com")], Snapshot());

        Assert.That(decisions.Outcomes[1].ProfileId, Is.EqualTo(decisions.Outcomes[0].ProfileId));
    }

    [Test]
    public void Every_imported_item_is_enrolled_and_a_refused_one_is_not()
    {
        var trigger = new Automation.Automation(AutomationKind.Trigger, 1, DatabaseId, "Welcome", active: true);
        var batch = new ImportBatch(ImportKind.FindOrCreate, database, [trigger], Now);

        var decisions = batch.Decide([ByEmail("a@example.com"), Item(MatchingMode.ProfileId, profileId: Bob), ByEmail("b@example.com")], Snapshot(), room: null);

        Assert.That(decisions.Writes.Enrollments, Has.Count.EqualTo(2));
        Assert.That(decisions.Outcomes[1].Error, Is.TypeOf<ProfileNotFoundException>());
    }

    [Test]
    public void A_new_profile_lacking_a_required_field_is_refused()
    {
        database.AddField(new FieldDefinition("plan", FieldType.String, IsRequired: true));

        var decisions = Decide([ByEmail("a@example.com"), ByEmail("b@example.com", ("plan", "pro"))], Snapshot());

        Assert.That(decisions.Outcomes[0].Error, Is.TypeOf<QuickImport.Domain.Common.InvalidValueException>());
        Assert.That(decisions.Outcomes[1].Created, Is.True);
    }

    [Test]
    public void A_holder_the_search_did_not_read_whole_means_the_search_raced()
    {
        var snapshot = Snapshot([], holders: [(Email("ann@example.com"), Ann)]);

        Assert.Throws<SearchRacedException>(() => Decide([ByEmail("ann@example.com")], snapshot));
    }

    [Test]
    public void Deciding_again_from_the_same_snapshot_starts_from_the_stored_profiles()
    {
        var snapshot = Snapshot([Stored(Ann, "ann@example.com")], holders: [(Email("ann@example.com"), Ann)]);
        var batch = new ImportBatch(ImportKind.FindOrCreate, database, [], Now);
        List<ItemImport> items = [ByEmail("ann@example.com", ("_fname", "Ann"))];

        batch.Decide(items, snapshot, room: null);
        batch.Decide(items, snapshot, room: null);

        Assert.That(snapshot.Profiles[0].Fields.ContainsKey("_fname"), Is.False, "the snapshot's profile is never changed");
    }

    private ImportDecisions Decide(IReadOnlyList<ItemImport> items, ImportSnapshot snapshot, int? room = null, ImportKind kind = ImportKind.FindOrCreate) =>
        new ImportBatch(kind, database, [], Now).Decide(items, snapshot, room);

    private static ImportSnapshot Snapshot(
        IReadOnlyList<Profile>? profiles = null,
        IReadOnlyList<(UniqueValue, ProfileId)>? holders = null,
        TariffState? tariff = null) =>
        new(tariff ?? NoLimit, profiles ?? [], holders ?? [], []);

    private static Profile Stored(ProfileId id, string? email, string? phone = null) =>
        new(id, DatabaseId, email, phone is null ? [] : [phone], new JsonObject(), Earlier, Earlier);

    private static ItemImport ByEmail(string email, params (string Name, string Value)[] fields) =>
        Item(MatchingMode.Email, email: email, fields: fields);

    private static ItemImport Item(
        MatchingMode mode,
        string? email = null,
        string? phone = null,
        IReadOnlyList<string>? phones = null,
        (string Name, string Value)[]? fields = null,
        ProfileId? profileId = null)
    {
        var address = email is null ? null : EmailAddress.TryParse(email, out var parsed, out _) ? parsed : null;
        List<string> allPhones = [.. phone is null ? [] : new[] { phone }, .. phones ?? []];
        var values = (fields ?? []).ToDictionary(f => f.Name, f => (JsonNode)JsonValue.Create(f.Value)!);
        var changes = new ProfileChanges(address, allPhones, values, address is null ? [] : [Email(address.Key)])
        {
            FieldKeys = (fields ?? []).ToDictionary(f => f.Name, f => f.Value),
        };
        return new ItemImport(new MatchCriteria(mode, address, allPhones, ProfileId: profileId), changes, [], []);
    }

    private static UniqueValue Email(string key) => new(SystemFields.Email, key);
}
