using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.UnitTests.Profiles;

public sealed class UniquenessGuardTests
{
    private static readonly ProfileId Self = ProfileId.FromStorage("663880916d2f4a1b3c000001");
    private static readonly ProfileId Other = ProfileId.FromStorage("663880916d2f4a1b3c000002");
    private static readonly ProfileId Third = ProfileId.FromStorage("663880916d2f4a1b3c000003");

    private static readonly UniqueValue Email = new("email", "john@example.com");
    private static readonly UniqueValue Code = new("code", "ABC");

    [Test]
    public void Ensure_NoHolders_Passes()
    {
        Assert.That(() => UniquenessGuard.Ensure(Self, []), Throws.Nothing);
    }

    [Test]
    public void Ensure_TheProfileHoldsItsOwnValues_Passes()
    {
        Assert.That(() => UniquenessGuard.Ensure(Self, [(Email, Self), (Code, Self)]), Throws.Nothing);
    }

    [Test]
    public void Ensure_AnotherProfileHoldsAValue_IsAConflict()
    {
        var error = Assert.Throws<UniquenessConflictException>(() => UniquenessGuard.Ensure(Self, [(Email, Other)]));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("email"));
            Assert.That(error.ConflictingProfileId, Is.EqualTo(Other));
            Assert.That(error.Detail, Is.EqualTo($"field 'email' already holds this value in profile {Other}"));
        });
    }

    [Test]
    public void Ensure_OneOwnAndOneConflictingValue_IsAConflictOnTheOtherOne()
    {
        var error = Assert.Throws<UniquenessConflictException>(
            () => UniquenessGuard.Ensure(Self, [(Email, Self), (Code, Other)]));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("code"));
            Assert.That(error.ConflictingProfileId, Is.EqualTo(Other));
        });
    }

    [Test]
    public void Ensure_SeveralConflicts_ReportsTheFirstFieldByName()
    {
        var error = Assert.Throws<UniquenessConflictException>(
            () => UniquenessGuard.Ensure(Self, [(Email, Other), (Code, Third)]));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("code"));
            Assert.That(error.ConflictingProfileId, Is.EqualTo(Third));
        });
    }

    [Test]
    public void Ensure_ANewProfileAgainstAnyHolder_IsAConflict()
    {
        var newProfile = ProfileId.New(DateTimeOffset.UtcNow);

        Assert.That(
            () => UniquenessGuard.Ensure(newProfile, [(Email, Other)]),
            Throws.TypeOf<UniquenessConflictException>());
    }

    [Test]
    public void UniqueValue_IdentityIsFieldAndKey()
    {
        Assert.That(Email.Identity, Is.EqualTo("email=john@example.com"));
    }

    [Test]
    public void UniquenessConflict_WithoutAKnownHolder_SaysAnotherProfile()
    {
        var error = new UniquenessConflictException("email", null);

        Assert.That(error.Detail, Is.EqualTo("field 'email' already holds this value in another profile"));
    }

    [Test]
    public void ToClaim_LeavesOutTheValuesTheProfileAlreadyHolds()
    {
        var claims = UniquenessGuard.ToClaim(Self, [Email, Code], [(Email, Self)]);

        Assert.That(claims, Is.EqualTo(new[] { Code }));
    }

    [Test]
    public void ToClaim_KeepsEveryValueOfANewProfile()
    {
        var claims = UniquenessGuard.ToClaim(Self, [Email, Code], []);

        Assert.That(claims, Is.EqualTo(new[] { Email, Code }));
    }
}
