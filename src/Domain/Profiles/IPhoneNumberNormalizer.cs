namespace QuickImport.Domain.Profiles;

/// <summary>Reads a phone number into E.164 (implemented with libphonenumber outside the domain).</summary>
public interface IPhoneNumberNormalizer
{
    /// <param name="raw">The number as sent.</param>
    /// <param name="region">ISO 3166 alpha-2 region a number without a country code is read in.</param>
    /// <param name="e164">The number in E.164 when it is a possible number.</param>
    bool TryNormalize(string raw, string region, out string e164);
}
