using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Importing;

/// <summary>What became of one item: its profile, created or updated, or the refusal that left it unwritten.</summary>
public sealed record ItemOutcome(ProfileId? ProfileId, bool Created, Exception? Error)
{
    public static ItemOutcome Imported(ProfileId profile, bool created) => new(profile, created, null);

    public static ItemOutcome Refused(Exception error) => new(null, false, error);

    public bool Succeeded => Error is null;
}
