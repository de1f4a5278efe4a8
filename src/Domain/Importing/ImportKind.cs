namespace QuickImport.Domain.Importing;

/// <summary>What an import may do with the profile its item matches.</summary>
public enum ImportKind
{
    /// <summary>Update the matched profile, or create one when none matches.</summary>
    FindOrCreate,

    /// <summary>Always create; an email or unique value another profile holds is refused (435).</summary>
    CreateOnly,

    /// <summary>Only update; an item that matches no profile is refused (404).</summary>
    UpdateOnly,
}
