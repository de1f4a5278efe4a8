namespace QuickImport.Domain.Profiles;

/// <summary>Decides whether an import may give a profile its unique values (docs/api.md §1, "Uniqueness").</summary>
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

    /// <summary>The values the profile does not hold yet: only those need claiming (and their fields' old values releasing).</summary>
    /// <param name="profile">The profile being written.</param>
    /// <param name="values">The unique values the import sets.</param>
    /// <param name="holders">For each of them that some profile already holds, that profile.</param>
    public static IReadOnlyList<UniqueValue> ToClaim(
        ProfileId profile,
        IReadOnlyList<UniqueValue> values,
        IEnumerable<(UniqueValue Value, ProfileId Holder)> holders)
    {
        var held = holders.Where(h => h.Holder == profile).Select(h => h.Value).ToHashSet();
        return [.. values.Where(v => !held.Contains(v))];
    }
}
