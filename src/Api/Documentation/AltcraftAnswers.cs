using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace QuickImport.Api.Documentation;

/// <summary>The schemas and responses of Altcraft's answers, shared by the import, batch and read operations.</summary>
internal static class AltcraftAnswers
{
    public const string JsonType = "application/json";
    public const string TextType = "text/plain";

    public static OpenApiSchema SuccessSchema() => Schemas.Object(
        [
            ("error", Schemas.Integer("0 on success.")),
            ("error_text", Schemas.String()),
            ("profile_id", Schemas.String("24 lowercase hex digits.")),
            ("created", Schemas.Boolean("true when the profile was created, false when updated.")),
        ],
        required: ["error", "error_text", "profile_id", "created"]);

    public static OpenApiSchema ErrorSchema() => Schemas.Object(
        [
            ("error", Schemas.Integer("The HTTP status code.")),
            ("error_text", Schemas.String("The error text of the table.")),
            ("details", Schemas.String("A precise, human-readable detail (which field, which rule).")),
            ("candidates", Schemas.ArrayOf(Schemas.String(), "409: the matching profiles' ids.")),
            ("field", Schemas.String("435: the field whose value is taken.")),
            ("conflicting_profile_id", Schemas.String("435: the profile holding the value.")),
        ],
        required: ["error", "error_text"]);

    public static OpenApiResponse Error(int status, string description, params string[] texts) => Error(status, description, jsonOnly: false, texts);

    public static OpenApiResponse Error(int status, string description, bool jsonOnly, params string[] texts)
    {
        var content = new Dictionary<string, OpenApiMediaType>();
        if (!jsonOnly)
        {
            content[TextType] = Schemas.Text(texts);
        }

        content[JsonType] = Schemas.Json(ErrorSchema(), [.. texts.Select(t => new JsonObject { ["error"] = status, ["error_text"] = t })]);
        return new OpenApiResponse { Description = $"{string.Join(" / ", texts)} — {description}", Content = content };
    }
}
