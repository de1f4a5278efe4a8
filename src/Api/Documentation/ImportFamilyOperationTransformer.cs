using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using QuickImport.Api.Binding;
using QuickImport.Api.Controllers;
using QuickImport.Api.Responses;

namespace QuickImport.Api.Documentation;

/// <summary>
/// Describes the v1.1 import calls (docs/api.md §7): a JSON body of top-level parameters and items
/// in <c>data</c>, read by AltcraftRequestMiddleware (ApiExplorer sees no MVC parameters), and
/// answers that give each item's outcome.
/// </summary>
public sealed class ImportFamilyOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, (string Summary, string Description)> Calls = new(StringComparer.Ordinal)
    {
        [nameof(ProfileImportsController.Import)] = ("Import one profile", "`data` is one item, found or created as a quick import would be; its outcome is answered at the top level with its own status."),
        [nameof(ProfileImportsController.ImportBatch)] = ("Import many profiles", "Each item of `data` is found or created, in order, as if imported one after another."),
        [nameof(ProfileImportsController.AddBatch)] = ("Create many profiles", "Each item of `data` creates a profile; one whose email or unique field value another profile holds is refused (435)."),
        [nameof(ProfileImportsController.UpdateBatch)] = ("Update many profiles", "Each item of `data` updates the profile it matches; one that matches none is refused (404, `Profile not found`)."),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor is not ControllerActionDescriptor action
            || action.ControllerTypeInfo.AsType() != typeof(ProfileImportsController))
        {
            return Task.CompletedTask;
        }

        var single = action.ActionName == nameof(ProfileImportsController.Import);
        var (summary, description) = Calls[action.ActionName];
        operation.OperationId = $"Profiles{action.ActionName}";
        operation.Summary = summary;
        operation.Description = description + "\n\n" +
            "All items run in one transaction with the quick import's rules (matching, merge, uniqueness, tariff, subscriptions, " +
            "triggers and scenarios). One item's refusal never touches another. A request-level fault (token, database, " +
            "`resource_id`, a malformed body, over 10 MB or 10,000 items) is answered with its status and writes nothing.";
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [AltcraftAnswers.JsonType] = new() { Schema = BodySchema(single), Example = Example(single) },
            },
        };
        operation.Responses = Responses(single);
        return Task.CompletedTask;
    }

    private static OpenApiSchema BodySchema(bool single)
    {
        var item = Schemas.Object(
            [
                ("email", Schemas.String("Email address.", "email")),
                ("phone", Schemas.String("Phone number, added to the profile's phones.")),
                ("phones", Schemas.ArrayOf(Schemas.String(), "More phone numbers; with phone matching each is a key.")),
                ("profile_id", Schemas.String("With `profile_id` matching: 24 hex digits.")),
                ("_regdate", Schemas.String("Kept when the profile is created (a migration keeps its history); else set by the server.", "date-time")),
                ("subscriptions", Schemas.ArrayOf(Schemas.Object(
                [
                    ("resource_id", Schemas.Integer("A resource of the database.")),
                    ("channel", Schemas.Enum("The channel.", "email", "sms")),
                    ("email", Schemas.String("The email to subscribe; default the item's own.")),
                    ("phone", Schemas.String("The phone to subscribe; default the item's own.")),
                    ("status", Schemas.Enum("Default: the resource's (subscribed, or unconfirmed with double opt-in). `unsubscribed` also unsubscribes a stored subscription.", "subscribed", "unsubscribed")),
                ]))),
            ],
            "A profile: database fields by name (string, number, boolean; an array for tags; an object or array for json), plus these.");
        item.AdditionalProperties = new OpenApiSchema();
        item.AdditionalPropertiesAllowed = true;

        return Schemas.Object(
            [
                ("token", Schemas.String("API token (or `Authorization: Bearer`).")),
                ("db_id", Schemas.Integer("Profile database id (required).")),
                ("matching", Schemas.Enum("How each item's profile is found (default `email`).", "email", "email_profile", "email_sub", "phone", "phone_sub", "email_phone", "field_name", "custom", "profile_id")),
                ("field_name", Schemas.String("With `field_name` matching: the field whose value, in each item, is its key.")),
                ("resource_id", Schemas.Integer("Subscribe each item's email and phone to this resource.")),
                ("trigger_id", Schemas.Integer("Launch each imported item in this trigger mailing.")),
                ("workflow_id", Schemas.Integer("Enroll each imported item in this scenario.")),
                ("skip_triggers", Schemas.Boolean("Launch and enroll nothing (default false).")),
                ("skip_invalid_subscriptions", Schemas.Boolean("Drop an item's invalid subscription instead of refusing the item (default false).")),
                ("detect_geo", Schemas.Boolean("Fill geodata from each item's IPv4 `_regip` (default true).")),
                ("data", single ? item : Schemas.ArrayOf(item, $"1 to {ImportJsonBody.MaxItems} items.")),
            ],
            required: ["db_id", "data"]);
    }

    private static JsonObject Example(bool single)
    {
        JsonObject Item(string email, string name) => new() { ["email"] = email, ["_fname"] = name };
        return new JsonObject
        {
            ["token"] = "<API token>",
            ["db_id"] = 1,
            ["matching"] = "email",
            ["data"] = single ? Item("ivan@example.com", "Ivan") : new JsonArray(Item("ivan@example.com", "Ivan"), Item("anna@example.com", "Anna")),
        };
    }

    private static OpenApiResponses Responses(bool single)
    {
        var outcome = new OpenApiSchema { AnyOf = [AltcraftAnswers.SuccessSchema(), AltcraftAnswers.ErrorSchema()] };
        var success = single
            ? Schemas.Json(AltcraftAnswers.SuccessSchema(), new JsonObject { ["error"] = 0, ["error_text"] = ResponseTexts.Success, ["profile_id"] = "6650f1a2c3d4e5f6a7b8c9d0", ["created"] = true })
            : Schemas.Json(
                Schemas.Object(
                    [("error", Schemas.Integer("0: the request was accepted, whatever its items' fate.")), ("error_text", Schemas.String()), ("result", Schemas.ArrayOf(outcome, "One outcome per item, in the items' order; a refusal's `details` start with `item <index>:`."))],
                    required: ["error", "error_text", "result"]),
                new JsonObject
                {
                    ["error"] = 0,
                    ["error_text"] = ResponseTexts.Success,
                    ["result"] = new JsonArray(
                        new JsonObject { ["error"] = 0, ["error_text"] = ResponseTexts.Success, ["profile_id"] = "6650f1a2c3d4e5f6a7b8c9d0", ["created"] = true },
                        new JsonObject { ["error"] = 400, ["error_text"] = ResponseTexts.BadRequest, ["details"] = "item 1: age: 'x' is not an integer" }),
                });
        return new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = single ? "The item was imported." : "Accepted: each item's outcome in `result`.",
                Content = new Dictionary<string, OpenApiMediaType> { [AltcraftAnswers.JsonType] = success },
            },
            ["400"] = AltcraftAnswers.Error(400, single ? "The body or the item is wrong." : "The body is not one JSON object, `data` is missing or empty, or `matching` is unknown.", jsonOnly: true, ResponseTexts.BadRequest),
            ["403"] = AltcraftAnswers.Error(403, "The API token is missing, unknown or revoked.", jsonOnly: true, ResponseTexts.InvalidApiKey),
            ["404"] = AltcraftAnswers.Error(404, "The database, `resource_id`, trigger or scenario does not exist (or belongs to another account).", jsonOnly: true, ResponseTexts.NotFound),
            ["413"] = AltcraftAnswers.Error(413, $"Over 10 MB, or over {ImportJsonBody.MaxItems} items.", jsonOnly: true, ResponseTexts.TooLarge),
            ["429"] = AltcraftAnswers.Error(429, "Too many requests for the token in the rate limit's window (a batch counts once).", jsonOnly: true, ResponseTexts.TooManyRequests),
            ["503"] = AltcraftAnswers.Error(503, "Temporary: the database is unavailable; nothing was written unless the detail says so.", jsonOnly: true, ResponseTexts.ServiceUnavailable),
        };
    }
}
