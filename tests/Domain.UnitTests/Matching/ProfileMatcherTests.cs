using System.Text.Json.Nodes;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;

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
    public void Identities_OfAnEmail_IsItsCaseFoldedForm()
    {
        var criteria = new MatchCriteria(MatchingMode.Email, Email: Email("John@Example.COM"));

        Assert.That(criteria.Identities, Is.EqualTo(new[] { "email=john@example.com" }));
    }

    [Test]
    public void Identities_OfAPhone_IsThePhonesValue()
    {
        var criteria = new MatchCriteria(MatchingMode.Phone, Phone: "+79001234567");

        Assert.That(criteria.Identities, Is.EqualTo(new[] { "phones=+79001234567" }));
    }

    [Test]
    public void Identities_OfEmailAndPhone_AreBoth()
    {
        var criteria = new MatchCriteria(MatchingMode.EmailOrPhone, Email: Email("a@example.com"), Phone: "+79001234567");

        Assert.That(criteria.Identities, Is.EqualTo(new[] { "email=a@example.com", "phones=+79001234567" }));
    }

    [Test]
    public void Identities_OfAField_IsItsComparisonKey()
    {
        var criteria = new MatchCriteria(
            MatchingMode.Field,
            Field: new FieldMatch("code", "ABC"));

        Assert.That(criteria.Identities, Is.EqualTo(new[] { "code=ABC" }));
    }

    [Test]
    public void Identities_OfAProfileId_AreNone()
    {
        var criteria = new MatchCriteria(MatchingMode.ProfileId, ProfileId: A);

        Assert.That(criteria.Identities, Is.Empty);
    }

    [Test]
    public void Identities_OfTheSameEmailInAnyCase_AreEqual()
    {
        var upper = new MatchCriteria(MatchingMode.Email, Email: Email("JOHN@EXAMPLE.COM"));
        var lower = new MatchCriteria(MatchingMode.EmailProfile, Email: Email("john@example.com"));

        Assert.That(upper.Identities, Is.EqualTo(lower.Identities));
    }

    private static EmailAddress Email(string text) =>
        EmailAddress.TryParse(text, out var address, out var reason) ? address! : throw new ArgumentException(reason, nameof(text));
}
