using System.Text.Json.Nodes;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.UnitTests.Profiles;

public sealed class ProfileTests
{
    private static readonly DateTimeOffset Created = new(2024, 5, 6, 10, 8, 9, 123, TimeSpan.FromHours(3));
    private static readonly DateTimeOffset Later = Created.AddDays(1);
    private static readonly ProfileId Id = ProfileId.FromStorage("663880916d2f4a1b3c000001");

    [Test]
    public void Create_SetsTheRegistrationDateInUtcToTheSecond()
    {
        var profile = Profile.Create(Id, 7, Changes(), Created);

        Assert.That(profile.Fields[SystemFields.RegistrationDate]!.GetValue<string>(), Is.EqualTo("2024-05-06T07:08:09Z"));
    }

    [Test]
    public void Create_MergesTheImport()
    {
        var changes = Changes(
            email: "John@Example.com",
            phone: "+79001234567",
            fields: new() { ["_fname"] = "John", ["age"] = 42 });

        var profile = Profile.Create(Id, 7, changes, Created);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Id, Is.EqualTo(Id));
            Assert.That(profile.DatabaseId, Is.EqualTo(7));
            Assert.That(profile.Email, Is.EqualTo("John@example.com"));
            Assert.That(profile.Phones, Is.EqualTo(new[] { "+79001234567" }));
            Assert.That(profile.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("John"));
            Assert.That(profile.Fields["age"]!.GetValue<int>(), Is.EqualTo(42));
            Assert.That(profile.CreatedAt, Is.EqualTo(Created));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Created));
        });
    }

    [Test]
    public void Create_WithoutEmailOrPhone_LeavesThemEmpty()
    {
        var profile = Profile.Create(Id, 7, Changes(fields: new() { ["_fname"] = "John" }), Created);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Email, Is.Null);
            Assert.That(profile.Phones, Is.Empty);
        });
    }

    [Test]
    public void Merge_OverwritesSentFieldsAndKeepsAbsentOnes()
    {
        var profile = Stored(fields: new() { ["_fname"] = "John", ["_lname"] = "Doe", ["age"] = 42 });

        profile.Merge(Changes(fields: new() { ["_fname"] = "Jane", ["city"] = "Paris" }), Later);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Jane"));
            Assert.That(profile.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Doe"));
            Assert.That(profile.Fields["age"]!.GetValue<int>(), Is.EqualTo(42));
            Assert.That(profile.Fields["city"]!.GetValue<string>(), Is.EqualTo("Paris"));
        });
    }

    [Test]
    public void Merge_ReplacesTheEmailOnlyWhenSent()
    {
        var profile = Stored(email: "old@example.com");

        profile.Merge(Changes(fields: new() { ["_fname"] = "John" }), Later);
        var afterAbsent = profile.Email;
        profile.Merge(Changes(email: "new@example.com"), Later);

        Assert.Multiple(() =>
        {
            Assert.That(afterAbsent, Is.EqualTo("old@example.com"));
            Assert.That(profile.Email, Is.EqualTo("new@example.com"));
        });
    }

    [Test]
    public void Merge_AddsANewPhoneAtTheEndKeepingTheOrder()
    {
        var profile = Stored(phones: ["+79001111111", "+79002222222"]);

        profile.Merge(Changes(phone: "+79003333333"), Later);

        Assert.That(profile.Phones, Is.EqualTo(new[] { "+79001111111", "+79002222222", "+79003333333" }));
    }

    [Test]
    public void Merge_AddsAPhoneOnlyOnce()
    {
        var profile = Stored(phones: ["+79001111111", "+79002222222"]);

        profile.Merge(Changes(phone: "+79001111111"), Later);
        profile.Merge(Changes(phone: "+79003333333"), Later);
        profile.Merge(Changes(phone: "+79003333333"), Later);

        Assert.That(profile.Phones, Is.EqualTo(new[] { "+79001111111", "+79002222222", "+79003333333" }));
    }

    [Test]
    public void Merge_UpdatesTheUpdateTimeOnly()
    {
        var profile = Stored();

        profile.Merge(Changes(fields: new() { ["_fname"] = "John" }), Later);

        Assert.Multiple(() =>
        {
            Assert.That(profile.CreatedAt, Is.EqualTo(Created));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void Merge_CopiesTheSentValues()
    {
        var tags = new JsonArray("a", "b");
        var changes = Changes(fields: new() { ["tags"] = tags });
        var first = Stored();
        var second = Stored();

        first.Merge(changes, Later);
        second.Merge(changes, Later);
        tags.Add("c");

        Assert.Multiple(() =>
        {
            Assert.That(first.Fields["tags"]!.ToJsonString(), Is.EqualTo("""["a","b"]"""));
            Assert.That(second.Fields["tags"]!.ToJsonString(), Is.EqualTo("""["a","b"]"""));
        });
    }

    [Test]
    public void ProfileChanges_IsEmptyOnlyWithNothingToWrite()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Changes().IsEmpty, Is.True);
            Assert.That(Changes(email: "a@example.com").IsEmpty, Is.False);
            Assert.That(Changes(phone: "+79001111111").IsEmpty, Is.False);
            Assert.That(Changes(fields: new() { ["_fname"] = "John" }).IsEmpty, Is.False);
        });
    }

    private static Profile Stored(string? email = null, string[]? phones = null, Dictionary<string, JsonNode?>? fields = null) =>
        new(Id, 7, email, phones ?? [], new JsonObject(fields ?? []), Created, Created);

    private static ProfileChanges Changes(
        string? email = null,
        string? phone = null,
        Dictionary<string, JsonNode>? fields = null)
    {
        EmailAddress? address = null;
        if (email is not null && !EmailAddress.TryParse(email, out address, out var reason))
        {
            throw new ArgumentException(reason, nameof(email));
        }

        return new ProfileChanges(address, phone is null ? [] : [phone], fields ?? [], []);
    }
}
