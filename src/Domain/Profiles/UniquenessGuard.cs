namespace QuickImport.Domain.Profiles;

/// <summary>Decides whether an import may give a profile its unique values (SPEC §1, "Uniqueness").</summary>
public static class UniquenessGuard
{
    /// <param name="profile">The profile being written (the matched one, or the new one's id).</param>
    /// <param name="holders">For each unique value the import sets, the profile that already holds it.</param>
    /// <exception cref="UniquenessConflictException">Another profile holds one of the values.</exception>
    public static void Ensure(ProfileId profile, IEnumerable<(UniqueValue Value, ProfileId Holder)> holders)
    {
        foreach (var (value, holder) in holders.OrderBy(h => h.Value.Field, StringComparer.Ordinal))
        {
            if (holder != profile)
            {
                throw new UniquenessConflictException(value.Field, holder);
            }
        }
    }
}
