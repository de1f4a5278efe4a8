namespace QuickImport.Domain.Matching;

/// <summary>The wire names of the matching modes, and what each needs.</summary>
public static class MatchingModes
{
    private static readonly Dictionary<string, MatchingMode> ByName = new(StringComparer.Ordinal)
    {
        ["email"] = MatchingMode.Email,
        ["email_profile"] = MatchingMode.EmailProfile,
        ["email_sub"] = MatchingMode.EmailSubscription,
        ["phone"] = MatchingMode.Phone,
        ["phone_sub"] = MatchingMode.PhoneSubscription,
        ["email_phone"] = MatchingMode.EmailOrPhone,
        ["field_name"] = MatchingMode.Field,
        ["custom"] = MatchingMode.Field,
        ["profile_id"] = MatchingMode.ProfileId,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out MatchingMode mode) =>
        ByName.TryGetValue(name ?? string.Empty, out mode);

    /// <summary>The mode's wire name (<c>field_name</c> for <see cref="MatchingMode.Field"/>).</summary>
    public static string NameOf(MatchingMode mode) => ByName.First(m => m.Value == mode).Key;

    /// <summary>What an import matched this way lacks to be matched at all; null when it has it.</summary>
    public static string? MissingIdentifier(MatchingMode mode, bool hasEmail, bool hasPhone, bool hasFieldName, bool hasProfileId) =>
        mode switch
        {
            MatchingMode.Email or MatchingMode.EmailProfile or MatchingMode.EmailSubscription when !hasEmail =>
                "this matching mode needs the 'email' parameter",
            MatchingMode.Phone or MatchingMode.PhoneSubscription when !hasPhone =>
                "this matching mode needs the 'phone' parameter",
            MatchingMode.EmailOrPhone when !hasEmail && !hasPhone =>
                "matching 'email_phone' needs the 'email' or the 'phone' parameter",
            MatchingMode.Field when !hasFieldName =>
                "matching 'field_name' needs the 'field_name' parameter",
            MatchingMode.ProfileId when !hasProfileId =>
                "matching 'profile_id' needs the 'profile_id' parameter",
            _ => null,
        };
}
