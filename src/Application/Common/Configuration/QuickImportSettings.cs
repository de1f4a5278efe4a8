namespace QuickImport.Application.Common.Configuration;

/// <summary>The <c>QuickImport</c> configuration section the use cases read.</summary>
public sealed class QuickImportSettings
{
    public const string SectionName = "QuickImport";

    /// <summary>
    /// ISO 3166 alpha-2 region a phone number without a country code is read in. "ZZ" (unknown, the
    /// default) accepts only numbers in international form rather than guess a country.
    /// </summary>
    public string DefaultPhoneRegion { get; set; } = "ZZ";
}
