namespace QuickImport.Domain.Matching;

/// <summary>How an import finds the profile it updates (docs/api.md §1, "Matching").</summary>
public enum MatchingMode
{
    /// <summary>Profile email or email-channel subscription contacts.</summary>
    Email,

    /// <summary>Profile email only.</summary>
    EmailProfile,

    /// <summary>Email-channel subscription contacts only.</summary>
    EmailSubscription,

    /// <summary>Profile phones or sms-channel subscription contacts.</summary>
    Phone,

    /// <summary>Sms-channel subscription contacts only.</summary>
    PhoneSubscription,

    /// <summary>Profile email or profile phones.</summary>
    EmailOrPhone,

    /// <summary>The stored value of a named field.</summary>
    Field,

    /// <summary>The profile id; never creates.</summary>
    ProfileId,
}
