using PhoneNumbers;
using QuickImport.Domain.Profiles;

namespace QuickImport.Infrastructure.PhoneNumbers;

/// <summary>Reads phone numbers with Google's libphonenumber and writes them in E.164 (docs/api.md §4).</summary>
public sealed class LibPhoneNumberNormalizer : IPhoneNumberNormalizer
{
    // libphonenumber's code for "no region": only numbers with a country code parse with it.
    private const string UnknownRegion = "ZZ";

    // The instance is immutable after loading its metadata and safe to share across threads.
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public bool TryNormalize(string raw, string region, out string e164)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        var defaultRegion = string.IsNullOrWhiteSpace(region) ? UnknownRegion : region.Trim().ToUpperInvariant();
        PhoneNumber number;
        try
        {
            number = Util.Parse(raw, defaultRegion);
        }
        catch (NumberParseException)
        {
            return false;
        }

        if (!Util.IsPossibleNumber(number) || !Util.IsValidNumber(number))
        {
            return false;
        }

        e164 = Util.Format(number, PhoneNumberFormat.E164);
        return true;
    }
}
