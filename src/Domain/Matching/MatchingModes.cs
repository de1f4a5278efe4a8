namespace QuickImport.Domain.Matching;

/// <summary>The wire names of the matching modes.</summary>
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
}
