namespace QuickImport.Api.Admin;

/// <summary>The admin API's settings, from the <c>QuickImport</c> section.</summary>
public sealed class AdminApiOptions
{
    /// <summary>The bearer key of the admin API; without one there is no admin API.</summary>
    public string? AdminKey { get; set; }
}
