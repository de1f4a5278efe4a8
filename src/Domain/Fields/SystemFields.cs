namespace QuickImport.Domain.Fields;

/// <summary>The fields every profile database has (docs/api.md §3).</summary>
public static class SystemFields
{
    public const string Email = "email";
    public const string Sex = "_sex";
    public const string Phones = "phones";
    public const string RegistrationDate = "_regdate";
    public const string RegistrationIp = "_regip";
    public const string RegistrationUrl = "_regurl";
    public const string RegistrationCountry = "_regcountry";
    public const string RegistrationCity = "_regcity";
    public const string Region = "_region";
    public const string TimeZone = "_tz";
    public const string PostalCode = "_postal_code";

    public static IReadOnlyList<FieldDefinition> All { get; } =
    [
        new(Email, FieldType.Email, IsUnique: true, IsSystem: true),
        new(Phones, FieldType.PhoneList, IsSystem: true),
        new("_fname", FieldType.String, IsSystem: true),
        new("_lname", FieldType.String, IsSystem: true),
        new("_mname", FieldType.String, IsSystem: true),
        new(Sex, FieldType.Enum, IsSystem: true, Options: ["male", "female"]),
        new("_bdate", FieldType.Date, IsSystem: true),
        new(RegistrationDate, FieldType.DateTime, IsSystem: true),
        new(RegistrationIp, FieldType.Ip, IsSystem: true),
        new("_ip", FieldType.Ip, IsSystem: true),
        new(RegistrationUrl, FieldType.String, IsSystem: true),
        new(RegistrationCountry, FieldType.String, IsSystem: true),
        new(RegistrationCity, FieldType.String, IsSystem: true),
        new(Region, FieldType.String, IsSystem: true),
        new(TimeZone, FieldType.String, IsSystem: true),
        new(PostalCode, FieldType.String, IsSystem: true),
        new("_country", FieldType.String, IsSystem: true),
        new("_city", FieldType.String, IsSystem: true),
        new("_lang", FieldType.String, IsSystem: true),
        new("_vendor", FieldType.String, IsSystem: true),
        new("_browser", FieldType.String, IsSystem: true),
        new("_os", FieldType.String, IsSystem: true),
    ];

    private static readonly HashSet<string> Names = [.. All.Select(f => f.Name)];

    public static bool IsSystemName(string name) => Names.Contains(name);

    public static FieldDefinition? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
