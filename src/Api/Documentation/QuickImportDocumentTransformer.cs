using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace QuickImport.Api.Documentation;

/// <summary>
/// The document as a whole: its title, the tags' descriptions, the security schemes, and which
/// scheme each operation needs (the admin key under <c>/api/admin</c>, the API token elsewhere).
/// </summary>
public sealed class QuickImportDocumentTransformer : IOpenApiDocumentTransformer
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("ProfileImport", "Altcraft's Quick profile import (SPEC §1): find or create a profile, subscribe it, launch triggers and scenarios."),
        ("Profiles", "Altcraft's v1.1 profile calls (SPEC §5, §7): read a profile; import one profile or thousands per call (import, import_batch, add_batch, update_batch). Always JSON."),
        ("Accounts", "Admin API: accounts, their API tokens and profile databases."),
        ("Tokens", "Admin API: revoking API tokens."),
        ("Databases", "Admin API: database fields and subscription resources."),
        ("Automations", "Admin API: trigger mailings (launches) and automation scenarios (enrollments)."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "QuickImport",
            Version = "v1",
            Description =
                "A self-hosted, wire-compatible implementation of Altcraft's **Quick profile import** API, " +
                "with its profile read API and an admin API. Import and read calls authenticate with an API token " +
                "(the `token` parameter, or `Authorization: Bearer <token>`); admin calls with " +
                "`Authorization: Bearer <admin key>`.",
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemes.ApiToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = "token",
            Description = "The account's API token in the `token` parameter (query string, form field or JSON property).",
        };
        document.Components.SecuritySchemes[SecuritySchemes.ApiTokenBearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The account's API token as `Authorization: Bearer <token>`.",
        };
        document.Components.SecuritySchemes[SecuritySchemes.AdminKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The admin key (`QuickImport__AdminKey`) as `Authorization: Bearer <admin key>`.",
        };

        var usedTags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                operation.Security = path.StartsWith("/api/admin", StringComparison.Ordinal)
                    ? [Requirement(document, SecuritySchemes.AdminKey)]
                    : [Requirement(document, SecuritySchemes.ApiToken), Requirement(document, SecuritySchemes.ApiTokenBearer)];
                foreach (var tag in operation.Tags ?? Enumerable.Empty<OpenApiTagReference>())
                {
                    if (tag.Name is not null)
                    {
                        usedTags.Add(tag.Name);
                    }
                }
            }
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in Tags.Where(t => usedTags.Contains(t.Name)))
        {
            var existing = document.Tags.FirstOrDefault(t => t.Name == name);
            if (existing is null)
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
            else
            {
                existing.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    // Either requirement is enough: the schemes are alternatives.
    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
