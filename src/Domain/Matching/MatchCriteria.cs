using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Matching;

/// <summary>What an import searches its database for, in normalized form.</summary>
public sealed record MatchCriteria(
    MatchingMode Mode,
    EmailAddress? Email = null,
    string? Phone = null,
    FieldMatch? Field = null,
    ProfileId? ProfileId = null)
{
    /// <summary>
    /// The identities the search reads. Imports that share one serialize on it, so two concurrent
    /// imports of one new identifier make one profile, not two.
    /// </summary>
    public IEnumerable<string> Identities
    {
        get
        {
            if (Email is not null)
            {
                yield return new UniqueValue(Fields.SystemFields.Email, Email.Key).Identity;
            }

            if (Phone is not null)
            {
                yield return Fields.FieldKey.Token(Fields.SystemFields.Phones, Phone);
            }

            if (Field is not null)
            {
                yield return Field.Token;
            }
        }
    }
}
