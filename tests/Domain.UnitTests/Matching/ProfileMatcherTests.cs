using System.Text.Json.Nodes;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Domain.UnitTests.Matching;

public sealed class ProfileMatcherTests
{
    private static readonly ProfileId A = ProfileId.FromStorage("663880916d2f4a1b3c000001");
    private static readonly ProfileId B = ProfileId.FromStorage("663880916d2f4a1b3c000002");
    private static readonly ProfileId C = ProfileId.FromStorage("663880916d2f4a1b3c000003");

    private static readonly MatchCriteria ByEmail = new(MatchingMode.Email, Email: Email("john@example.com"));

    [TestCase(MatchingMode.Email)]
    [TestCase(MatchingMode.EmailProfile)]
    [TestCase(MatchingMode.EmailSubscription)]
    [TestCase(MatchingMode.Phone)]
    [TestCase(MatchingMode.PhoneSubscription)]
    [TestCase(MatchingMode.EmailOrPhone)]
    [TestCase(MatchingMode.Field)]
    public void Resolve_NothingFound_CreatesANewProfile(MatchingMode mode)
    {
        Assert.That(ProfileMatcher.Resolve(new MatchCriteria(mode), []), Is.Null);
    }

    [Test]
    public void Resolve_OneFound_UpdatesIt()
    {
        Assert.That(ProfileMatcher.Resolve(ByEmail, [A]), Is.EqualTo(A));
    }

    [Test]
    public void Resolve_OneProfileFoundSeveralTimes_CountsOnce()
    {
        Assert.That(ProfileMatcher.Resolve(ByEmail, [B, B, B]), Is.EqualTo(B));
    }

    [Test]
    public void Resolve_TwoFound_IsAmbiguous()
    {
        var error = Assert.Throws<AmbiguousMatchException>(() => ProfileMatcher.Resolve(ByEmail, [B, A]));

        Assert.That(error!.Candidates, Is.EquivalentTo(new[] { A, B }));
    }

    [Test]
    public void Resolve_DuplicatesAmongSeveralFound_AreCandidatesOnce()
    {
        var error = Assert.Throws<AmbiguousMatchException>(() => ProfileMatcher.Resolve(ByEmail, [C, A, C, B, A]));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Candidates, Has.Count.EqualTo(3));
            Assert.That(error.Candidates, Is.EquivalentTo(new[] { A, B, C }));
            Assert.That(error.Detail, Does.StartWith("3 profiles match"));
        });
    }

    [Test]
    public void Resolve_ByProfileId_NothingFound_IsNotFound()
    {
        var criteria = new MatchCriteria(MatchingMode.ProfileId, ProfileId: A);

        var error = Assert.Throws<ProfileNotFoundException>(() => ProfileMatcher.Resolve(criteria, []));

        Assert.That(error!.ProfileId, Is.EqualTo(A));
    }

    [Test]
    public void Resolve_ByProfileId_Found_UpdatesIt()
    {
        var criteria = new MatchCriteria(MatchingMode.ProfileId, ProfileId: A);

        Assert.That(ProfileMatcher.Resolve(criteria, [A]), Is.EqualTo(A));
    }

    [Test]
    public void Lookups_OfEmailMatching_AreTheProfileEmailAndTheEmailSubscribers_caseFolded()
    {
        var criteria = new MatchCriteria(MatchingMode.Email, Email: Email("John@Example.COM"));

        Assert.That(criteria.Lookups, Is.EqualTo(new MatchLookup[]
        {
            new MatchLookup.Holder("email", "john@example.com"),
            new MatchLookup.Subscriber(Channel.Email, "john@example.com"),
        }));
    }

    [Test]
    public void Lookups_OfPhoneMatching_AreEachPhoneInProfilesAndSmsSubscribers()
    {
        var criteria = new MatchCriteria(MatchingMode.Phone, Phones: ["+79001234567", "+79007654321"]);

        Assert.That(criteria.Lookups, Is.EqualTo(new MatchLookup[]
        {
            new MatchLookup.ProfilePhone("+79001234567"),
            new MatchLookup.ProfilePhone("+79007654321"),
            new MatchLookup.Subscriber(Channel.Sms, "+79001234567"),
            new MatchLookup.Subscriber(Channel.Sms, "+79007654321"),
        }));
    }

    [Test]
    public void Lookups_OfEmailOrPhone_AreTheProfileEmailAndPhones_NoSubscribers()
    {
        var criteria = new MatchCriteria(MatchingMode.EmailOrPhone, Email: Email("a@example.com"), Phones: ["+79001234567"]);

        Assert.That(criteria.Lookups, Is.EqualTo(new MatchLookup[]
        {
            new MatchLookup.Holder("email", "a@example.com"),
            new MatchLookup.ProfilePhone("+79001234567"),
        }));
    }

    [Test]
    public void Lookups_OfAField_AreItsComparisonKey_AndOfTheEmailOrAUniqueField_ItsHolder()
    {
        var code = new MatchCriteria(MatchingMode.Field, Field: new FieldMatch("code", "ABC"));
        var email = new MatchCriteria(MatchingMode.Field, Field: new FieldMatch("email", "a@example.com"));
        var card = new MatchCriteria(MatchingMode.Field, Field: new FieldMatch("card", "C-1", IsUnique: true));

        Assert.That(code.Lookups, Is.EqualTo(new MatchLookup[] { new MatchLookup.ProfileField("code", "ABC") }));
        Assert.That(email.Lookups, Is.EqualTo(new MatchLookup[] { new MatchLookup.Holder("email", "a@example.com") }));
    }

    [Test]
    public void Lookups_OfAProfileId_AreThatProfile()
    {
        var criteria = new MatchCriteria(MatchingMode.ProfileId, ProfileId: A);

        Assert.That(criteria.Lookups, Is.EqualTo(new MatchLookup[] { new MatchLookup.Profile(A) }));
    }

    private static EmailAddress Email(string text) =>
        EmailAddress.TryParse(text, out var address, out var reason) ? address! : throw new ArgumentException(reason, nameof(text));
}
