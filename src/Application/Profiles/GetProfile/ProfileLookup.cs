using QuickImport.Domain.Profiles;

namespace QuickImport.Application.Profiles.GetProfile;

/// <summary>
/// The one way a read finds its profile (docs/api.md §5), chosen at the edge. An email, a phone or a
/// field's value stays as sent: it is read as an import reads it, once the database is known.
/// </summary>
public abstract record ProfileLookup
{
    private ProfileLookup()
    {
    }

    public sealed record ById(ProfileId Id) : ProfileLookup;

    public sealed record ByEmail(string Email) : ProfileLookup;

    public sealed record ByPhone(string Phone) : ProfileLookup;

    public sealed record ByField(string FieldName, string Value) : ProfileLookup;
}
