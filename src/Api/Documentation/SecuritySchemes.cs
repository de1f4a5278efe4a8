namespace QuickImport.Api.Documentation;

/// <summary>The names of the OpenAPI security schemes (<c>components.securitySchemes</c>).</summary>
public static class SecuritySchemes
{
    /// <summary>The API token in the <c>token</c> query parameter (or form/JSON field).</summary>
    public const string ApiToken = "ApiToken";

    /// <summary>The API token as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public const string ApiTokenBearer = "ApiTokenBearer";

    /// <summary>The admin key as <c>Authorization: Bearer &lt;admin key&gt;</c>.</summary>
    public const string AdminKey = "AdminKey";
}
