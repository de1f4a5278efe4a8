using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using QuickImport.Api.Controllers;
using QuickImport.Api.Responses;

namespace QuickImport.Api.Documentation;

/// <summary>
/// Describes the import (SPEC §1) and read (SPEC §5) operations. Their actions bind no MVC
/// parameters (AltcraftRequestMiddleware reads query and body itself), so ApiExplorer knows nothing
/// of their parameters, bodies or answers: they are written out here.
/// </summary>
public sealed class AltcraftOperationTransformer : IOpenApiOperationTransformer
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Multipart = "multipart/form-data";
    private const string JsonType = AltcraftAnswers.JsonType;
    private const string TextType = AltcraftAnswers.TextType;

    private static readonly (string Name, OpenApiSchema Schema, bool RequiredInJson)[] ImportParameters =
    [
        ("token", Schemas.String("API token (required, here, in the body or as `Authorization: Bearer`); 403 when missing, unknown or revoked."), true),
        ("db_id", Schemas.Integer("Profile database id (required)."), true),
        ("matching", Schemas.Enum(
            "How the profile is found (default `email`); `custom` is a synonym of `field_name`.",
            "email", "email_profile", "email_sub", "phone", "phone_sub", "email_phone", "field_name", "custom", "profile_id"), false),
        ("field_name", Schemas.String("With `field_name` matching: the database field to match on; its value is the parameter of that name, else `field_value`."), false),
        ("field_value", Schemas.String("With `field_name` matching: the value to match when the named field is not sent itself."), false),
        ("profile_id", Schemas.String("With `profile_id` matching: 24 lowercase hex digits; updates only, never creates."), false),
        ("resource_id", Schemas.Integer("Subscribe to this resource with the request's contacts (an email-channel subscription for `email`, an sms-channel one for `phone`)."), false),
        ("email", Schemas.String("Email address (a database field, unique within the database).", "email"), false),
        ("phone", Schemas.String("Phone number; stored in E.164 and added to the profile's `phones`."), false),
        ("_regip", Schemas.String("Registration IPv4 or IPv6 address; for IPv4 geodata is looked up."), false),
        ("_regurl", Schemas.String("Registration URL, or the `Referer` header when absent."), false),
        ("trigger_id", Schemas.Integer("Also launch this trigger mailing for the profile."), false),
        ("workflow_id", Schemas.Integer("Also enroll the profile in this automation scenario."), false),
        ("request_id", Schemas.String("Ignored by the import; changes the request's deduplication fingerprint."), false),
    ];

    private static readonly (string Name, OpenApiSchema Schema)[] ReadParameters =
    [
        ("token", Schemas.String("API token (required, here, in the body or as `Authorization: Bearer`).")),
        ("db_id", Schemas.Integer("Profile database id (required).")),
        ("profile_id", Schemas.String("Find the profile by its id (24 lowercase hex digits).")),
        ("email", Schemas.String("Find the profile by email.", "email")),
        ("phone", Schemas.String("Find the profile by phone number.")),
        ("field_name", Schemas.String("Find the profile by this field's value (`field_value`).")),
        ("field_value", Schemas.String("The value of `field_name`.")),
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var controller = (context.Description.ActionDescriptor as ControllerActionDescriptor)?.ControllerTypeInfo.AsType();
        if (controller == typeof(ProfileImportController))
        {
            DescribeImport(operation);
        }
        else if (controller == typeof(ProfilesController))
        {
            DescribeRead(operation);
        }

        return Task.CompletedTask;
    }

    private static void DescribeImport(OpenApiOperation operation)
    {
        operation.OperationId = "ImportProfile";
        operation.Summary = "Quick profile import";
        operation.Description =
            "Finds the profile by the `matching` mode, creates it (0 matches) or updates it (1 match: fields sent overwrite, " +
            "empty values never erase), then subscribes it and launches the trigger / scenario — all in one transaction.\n\n" +
            "Parameters may come in the query string **and** in the body (`application/x-www-form-urlencoded`, " +
            "`multipart/form-data` or a flat `application/json` object), merged; the body wins. Any other parameter name is a " +
            "database field (`_fname`, `_lname`, custom fields, ...); an unknown name is a 400.\n\n" +
            "Answers are `text/plain` (`Successfully added <profile id>`, or the error text, optionally followed by `: <detail>`); " +
            "with `Accept: application/json` the same outcome comes as a JSON object.";
        operation.Parameters = [.. ImportParameters.Select(p => Query(p.Name, p.Schema))];

        var formSchema = BodySchema(ImportParameters.Select(p => (p.Name, (IOpenApiSchema)p.Schema)), Schemas.String("A database field."));
        var jsonSchema = BodySchema(
            ImportParameters.Select(p => (p.Name, (IOpenApiSchema)p.Schema)),
            Schemas.FieldValue("A database field: a string, number or boolean, or an array of strings for a `tags` field."));
        operation.RequestBody = new OpenApiRequestBody
        {
            Description = "The same parameters as the query string, plus database fields; a value here wins over the query's.",
            Required = false,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [Form] = new() { Schema = formSchema, Example = Example() },
                [Multipart] = new() { Schema = formSchema },
                [JsonType] = new() { Schema = jsonSchema, Example = Example() },
            },
        };

        var profileId = "6650f1a2c3d4e5f6a7b8c9d0";
        operation.Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = $"`{ResponseTexts.Added} <profile id>` — the profile was created or updated.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [TextType] = Schemas.Text($"{ResponseTexts.Added} {profileId}"),
                    [JsonType] = Schemas.Json(
                        AltcraftAnswers.SuccessSchema(),
                        new JsonObject { ["error"] = 0, ["error_text"] = ResponseTexts.Success, ["profile_id"] = profileId, ["created"] = true }),
                },
            },
            ["400"] = AltcraftAnswers.Error(400, "The request's parameters are wrong (shape, field values, inactive trigger or scenario, no usable channel), or over a request limit (parameter count, name or value length).", ResponseTexts.BadRequest),
            ["402"] = AltcraftAnswers.Error(
                402,
                "The account's profile limit: creating a profile at the limit, or any import while over it.",
                ResponseTexts.LimitReached,
                ResponseTexts.LimitExceeded),
            ["403"] = AltcraftAnswers.Error(403, "The API token is missing, unknown or revoked.", ResponseTexts.InvalidApiKey),
            ["404"] = AltcraftAnswers.Error(404, "The database, resource, trigger or scenario does not exist (or belongs to another account), or no profile has the `profile_id`.", ResponseTexts.NotFound),
            ["409"] = AltcraftAnswers.Error(
                409,
                "More than one profile matches (the JSON form lists them in `candidates`).",
                ResponseTexts.AmbiguousMatch),
            ["413"] = AltcraftAnswers.Error(413, "The body is over the body limit (1 MiB unless configured otherwise).", ResponseTexts.TooLarge),
            ["429"] = AltcraftAnswers.Error(429, "Too many imports for the token in the rate limit's window.", ResponseTexts.TooManyRequests),
            [ResponseTexts.NotUniqueStatus.ToString(CultureInfo.InvariantCulture)] = AltcraftAnswers.Error(
                ResponseTexts.NotUniqueStatus,
                "The import would give the profile a unique value another profile holds (the JSON form names `field` and `conflicting_profile_id`).",
                ResponseTexts.NotUnique),
            ["500"] = AltcraftAnswers.Error(500, "An unexpected failure (never a stack trace or SQL).", ResponseTexts.InternalError),
            ["503"] = AltcraftAnswers.Error(
                503,
                "Temporary: the database is unavailable or did not answer in time, or an identical request is still being processed " +
                "(deduplication); retry after `Retry-After`.",
                ResponseTexts.ServiceUnavailable,
                ResponseTexts.DuplicateInProgress),
        };
    }

    private static void DescribeRead(OpenApiOperation operation)
    {
        operation.OperationId = "GetProfile";
        operation.Summary = "Read a profile";
        operation.Description =
            "Finds one profile of the database by `profile_id`, `email`, `phone`, or `field_name` + `field_value`, and answers " +
            "its stored fields (system ones included, each in its typed JSON form) and its subscriptions. Always JSON. " +
            "Parameters come in a JSON (or form) body or in the query string.";
        operation.Parameters = [.. ReadParameters.Select(p => Query(p.Name, p.Schema))];
        var schema = BodySchema(ReadParameters.Select(p => (p.Name, (IOpenApiSchema)p.Schema)), additional: null);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = false,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [JsonType] = new()
                {
                    Schema = schema,
                    Example = new JsonObject { ["token"] = "<API token>", ["db_id"] = 1, ["email"] = "ivan@example.com" },
                },
                [Form] = new() { Schema = schema },
            },
        };

        var profile = Schemas.Object(
        [
            ("profile_id", Schemas.String("24 lowercase hex digits.")),
            ("created", Schemas.String(format: "date-time")),
            ("updated", Schemas.String(format: "date-time")),
            ("fields", new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Every stored field by name (`email`, `phones` as an array, `_fname`, geodata, custom fields, ...).",
                AdditionalProperties = new OpenApiSchema(),
            }),
            ("subscriptions", Schemas.ArrayOf(Schemas.Object(
            [
                ("resource_id", Schemas.Integer()),
                ("channel", Schemas.Enum("The subscription's channel.", "email", "sms")),
                ("contact", Schemas.String("The email address or E.164 phone number.")),
                ("status", Schemas.Enum("The subscription's status.", "subscribed", "unconfirmed", "unsubscribed", "complained", "bounced", "suspended")),
            ]))),
        ]);
        var success = Schemas.Object(
            [("error", Schemas.Integer("0 on success.")), ("error_text", Schemas.String()), ("data", profile)],
            required: ["error", "error_text", "data"]);

        operation.Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = ResponseTexts.Success,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [JsonType] = Schemas.Json(success, new JsonObject
                    {
                        ["error"] = 0,
                        ["error_text"] = ResponseTexts.Success,
                        ["data"] = new JsonObject
                        {
                            ["profile_id"] = "6650f1a2c3d4e5f6a7b8c9d0",
                            ["created"] = "2026-05-24T09:30:10Z",
                            ["updated"] = "2026-05-24T09:30:10Z",
                            ["fields"] = new JsonObject { ["email"] = "ivan@example.com", ["phones"] = new JsonArray("+79161234567"), ["_fname"] = "Ivan" },
                            ["subscriptions"] = new JsonArray(),
                        },
                    }),
                },
            },
            ["400"] = AltcraftAnswers.Error(400, "The request's parameters are wrong, or over a request limit (parameter count, name or value length).", jsonOnly: true, ResponseTexts.BadRequest),
            ["403"] = AltcraftAnswers.Error(403, "The API token is missing, unknown or revoked.", jsonOnly: true, ResponseTexts.InvalidApiKey),
            ["404"] = AltcraftAnswers.Error(404, "No profile matches, or the database does not exist (or belongs to another account).", jsonOnly: true, ResponseTexts.ProfileNotFound, ResponseTexts.NotFound),
            ["413"] = AltcraftAnswers.Error(413, "The body is over the body limit (1 MiB unless configured otherwise).", jsonOnly: true, ResponseTexts.TooLarge),
            ["500"] = AltcraftAnswers.Error(500, "An unexpected failure.", jsonOnly: true, ResponseTexts.InternalError),
            ["503"] = AltcraftAnswers.Error(503, "Temporary: the database is unavailable or did not answer in time; retry after `Retry-After`.", jsonOnly: true, ResponseTexts.ServiceUnavailable),
        };
    }

    private static OpenApiParameter Query(string name, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Required = false, Description = schema.Description, Schema = schema };

    private static OpenApiSchema BodySchema(IEnumerable<(string Name, IOpenApiSchema Schema)> properties, OpenApiSchema? additional)
    {
        var schema = Schemas.Object(properties);
        schema.AdditionalProperties = additional;
        schema.AdditionalPropertiesAllowed = additional is not null;
        return schema;
    }

    private static JsonObject Example() => new()
    {
        ["token"] = "<API token>",
        ["db_id"] = 1,
        ["matching"] = "email",
        ["email"] = "ivan@example.com",
        ["phone"] = "+79161234567",
        ["_fname"] = "Ivan",
    };
}
