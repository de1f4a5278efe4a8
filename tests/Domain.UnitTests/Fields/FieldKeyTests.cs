using System.Text.Json.Nodes;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.UnitTests.Fields;

public sealed class FieldKeyTests
{
    [Test]
    public void A_token_is_the_field_and_its_key()
    {
        Assert.That(FieldKey.Token("plan", "pro"), Is.EqualTo("plan=pro"));
        Assert.That(FieldKey.FieldOf("plan=a=b"), Is.EqualTo("plan"));
    }

    [Test]
    public void A_short_key_stays_as_it_is_and_a_long_one_becomes_its_hash()
    {
        var longKey = new string('x', FieldKey.MaxKeyLength + 1);

        Assert.That(FieldKey.Compact("short"), Is.EqualTo("short"));
        Assert.That(FieldKey.Compact(longKey), Does.StartWith("sha256:").And.Length.EqualTo("sha256:".Length + 64));
        Assert.That(FieldKey.Compact(longKey), Is.EqualTo(FieldKey.Compact(new string('x', FieldKey.MaxKeyLength + 1))));
    }

    [Test]
    public void A_new_profile_holds_a_key_for_its_registration_date_and_each_field_it_was_given()
    {
        var now = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        var changes = new ProfileChanges(null, [], new Dictionary<string, JsonNode> { ["plan"] = "pro" }, [])
        {
            FieldKeys = new Dictionary<string, string> { ["plan"] = "pro" },
        };

        var profile = Profile.Create(ProfileId.New(now), 1, changes, now);

        Assert.That(profile.MatchKeys, Is.EquivalentTo(new[] { "plan=pro", "_regdate=\"2026-11-28T10:00:00Z\"" }));
    }

    [Test]
    public void A_merge_replaces_the_key_of_a_changed_field_and_keeps_the_others()
    {
        var now = DateTimeOffset.UtcNow;
        var profile = new Profile(ProfileId.New(now), 1, null, [], [], now, now, ["plan=basic", "city=Oslo"]);
        var changes = new ProfileChanges(null, [], new Dictionary<string, JsonNode> { ["plan"] = "pro" }, [])
        {
            FieldKeys = new Dictionary<string, string> { ["plan"] = "pro" },
        };

        profile.Merge(changes, now);

        Assert.That(profile.MatchKeys, Is.EquivalentTo(new[] { "plan=pro", "city=Oslo" }));
    }
}
