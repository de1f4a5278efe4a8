using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace QuickImport.Api.IntegrationTests.Documentation;

/// <summary>The OpenAPI document at /openapi/v1.json, generated from the code.</summary>
public sealed class OpenApiDocumentTests
{
    private const string ImportPath = "/api/integrations/any/profile_import";
    private const string ReadPath = "/api/v1.1/profiles/get";

    private static readonly string[] ImportParameters =
    [
        "token", "db_id", "matching", "field_name", "field_value", "profile_id", "resource_id",
        "email", "phone", "_regip", "_regurl", "trigger_id", "workflow_id", "request_id",
    ];

    [Test]
    public async Task The_document_is_OpenAPI_3()
    {
        var document = await DocumentAsync();

        Assert.That(document["openapi"]?.GetValue<string>(), Does.StartWith("3."));
        Assert.That(document["info"]?["title"]?.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task The_document_lists_every_route_of_the_API()
    {
        var document = await DocumentAsync();
        var documented = Operations(document).Select(o => $"{o.Method} {o.Path}").ToHashSet(StringComparer.Ordinal);

        var routes = AppRoutes();

        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(16), string.Join("\n", routes));
        Assert.That(routes, Is.SubsetOf(documented), $"documented:\n{string.Join("\n", documented.Order())}");
    }

    [Test]
    public async Task The_import_operation_describes_its_query_parameters()
    {
        var import = Operation(await DocumentAsync(), "post", ImportPath);

        var parameters = import["parameters"]!.AsArray()
            .Where(p => p!["in"]!.GetValue<string>() == "query")
            .Select(p => p!["name"]!.GetValue<string>());

        Assert.That(parameters, Is.SupersetOf(ImportParameters));
    }

    [Test]
    public async Task The_import_operation_takes_form_multipart_and_JSON_bodies_with_database_fields()
    {
        var content = Operation(await DocumentAsync(), "post", ImportPath)["requestBody"]!["content"]!.AsObject();

        Assert.That(content.Select(c => c.Key), Is.SupersetOf(new[] { "application/x-www-form-urlencoded", "multipart/form-data", "application/json" }));
        foreach (var (mediaType, body) in content)
        {
            var schema = body!["schema"]!;
            Assert.That(schema["properties"]!.AsObject().Select(p => p.Key), Is.SupersetOf(ImportParameters), mediaType);
            Assert.That(schema["additionalProperties"], Is.Not.Null, $"{mediaType}: database fields are additional properties");
        }
    }

    [Test]
    public async Task The_import_operation_lists_every_response_with_its_text()
    {
        var responses = Operation(await DocumentAsync(), "post", ImportPath)["responses"]!.AsObject();

        Assert.That(
            responses.Select(r => r.Key),
            Is.SupersetOf(new[] { "200", "400", "402", "403", "404", "409", "413", "429", "435", "503" }));
        var texts = new Dictionary<string, string[]>
        {
            ["200"] = ["Successfully added"],
            ["400"] = ["Bad request, please verify request parameters"],
            ["402"] = ["Tariff account limit reached", "Account exceeds tariff limits"],
            ["403"] = ["Invalid API key"],
            ["404"] = ["No database or subscription resource found"],
            ["409"] = ["More than one profiles matches, inaccurate matching"],
            ["413"] = ["Request body too large"],
            ["429"] = ["Too many requests"],
            ["435"] = ["Unable to keep field unique"],
            ["503"] = ["Service temporarily unavailable", "Duplicate request is still being processed"],
        };
        Assert.Multiple(() =>
        {
            foreach (var (code, expected) in texts)
            {
                var response = responses[code]!;
                foreach (var text in expected)
                {
                    Assert.That(response["description"]!.GetValue<string>(), Does.Contain(text), code);
                    Assert.That(response["content"]!["text/plain"]!.ToJsonString(), Does.Contain(text), $"{code} text/plain");
                }

                Assert.That(response["content"]!["application/json"]?["schema"], Is.Not.Null, $"{code} application/json");
            }
        });
    }

    [Test]
    public async Task The_read_operation_describes_its_parameters_and_answers()
    {
        var read = Operation(await DocumentAsync(), "post", ReadPath);

        Assert.That(
            read["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()),
            Is.SupersetOf(new[] { "token", "db_id", "profile_id", "email", "phone", "field_name", "field_value" }));
        Assert.That(read["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"], Is.Not.Null);
        Assert.That(read["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "403", "404" }));
        Assert.That(read["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["properties"]!["data"], Is.Not.Null);
        Assert.That(read["responses"]!["404"]!["description"]!.GetValue<string>(), Does.Contain("Profile not found"));
    }

    [Test]
    public async Task Every_import_operation_lists_the_matching_modes_the_import_reads()
    {
        var document = await DocumentAsync();
        var quick = Operation(document, "post", ImportPath)["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "matching")!["schema"]!;
        var batch = Operation(document, "post", "/api/v1.1/profiles/import_batch")["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!["matching"]!;

        Assert.Multiple(() =>
        {
            Assert.That(quick["enum"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(QuickImport.Domain.Matching.MatchingModes.Names));
            Assert.That(batch["enum"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(QuickImport.Domain.Matching.MatchingModes.Names));
        });
    }

    [TestCase("/api/v1.1/profiles/import", "object")]
    [TestCase("/api/v1.1/profiles/import_batch", "array")]
    [TestCase("/api/v1.1/profiles/add_batch", "array")]
    [TestCase("/api/v1.1/profiles/update_batch", "array")]
    public async Task The_v1_1_import_calls_describe_their_JSON_body_and_answers(string path, string dataType)
    {
        var call = Operation(await DocumentAsync(), "post", path);

        var body = call["requestBody"]!["content"]!["application/json"]!;
        var properties = body["schema"]!["properties"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(call["summary"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(properties.Select(p => p.Key), Is.SupersetOf(new[] { "token", "db_id", "matching", "resource_id", "skip_triggers", "skip_invalid_subscriptions", "detect_geo", "data" }));
            Assert.That(properties["data"]!["type"]!.ToString(), Does.Contain(dataType));
            Assert.That(body["example"]?["data"], Is.Not.Null);
            Assert.That(call["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "400", "403", "404", "413", "429", "503" }));
            Assert.That(call["responses"]!["413"]!["description"]!.GetValue<string>(), Does.Contain("10000 items"));
        });
    }

    [Test]
    public async Task The_admin_operations_have_their_schemas_and_status_codes()
    {
        var document = await DocumentAsync();

        var createAccount = Operation(document, "post", "/api/admin/accounts");
        Assert.That(createAccount["requestBody"]!["content"]!["application/json"]!["schema"], Is.Not.Null);
        Assert.That(createAccount["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "201", "401" }));
        Assert.That(createAccount["responses"]!.AsObject().Select(r => r.Key), Does.Not.Contain("200"));
        var account = Resolve(document, createAccount["responses"]!["201"]!["content"]!["application/json"]!["schema"]!);
        Assert.That(account["properties"]!.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "id", "name", "profile_limit", "profile_count" }));

        var revoke = Operation(document, "delete", "/api/admin/tokens/{id}");
        Assert.That(revoke["responses"]!.AsObject().Select(r => r.Key), Does.Contain("204"));
    }

    [Test]
    public async Task The_document_has_the_API_token_and_admin_key_schemes()
    {
        var document = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!.AsObject();

        Assert.That(schemes["ApiToken"]!["type"]!.GetValue<string>(), Is.EqualTo("apiKey"));
        Assert.That(schemes["ApiToken"]!["in"]!.GetValue<string>(), Is.EqualTo("query"));
        Assert.That(schemes["ApiToken"]!["name"]!.GetValue<string>(), Is.EqualTo("token"));
        Assert.That(schemes["ApiTokenBearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        Assert.That(schemes["AdminKey"]!["type"]!.GetValue<string>(), Is.EqualTo("http"));
        Assert.That(schemes["AdminKey"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));

        Assert.Multiple(() =>
        {
            foreach (var (method, path, operation) in Operations(document))
            {
                var expected = path.StartsWith("/api/admin", StringComparison.Ordinal) ? "AdminKey" : "ApiToken";
                var schemesUsed = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)) ?? [];
                Assert.That(schemesUsed, Does.Contain(expected), $"{method} {path}");
            }
        });
    }

    internal static async Task<JsonObject> DocumentAsync()
    {
        using var client = TestEnvironment.Api.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return JsonNode.Parse(body)?.AsObject() ?? throw new AssertionException("the document is not a JSON object");
    }

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Value is JsonObject && operation.Value["responses"] is not null
        select (operation.Key.ToUpperInvariant(), path.Key, operation.Value!.AsObject());

    private static JsonObject Operation(JsonObject document, string method, string path) =>
        document["paths"]?[path]?[method]?.AsObject() ?? throw new AssertionException($"{method} {path} is not in the document");

    private static JsonObject Resolve(JsonObject document, JsonNode schema)
    {
        var reference = schema["$ref"]?.GetValue<string>();
        return reference is null
            ? schema.AsObject()
            : document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
    }

    /// <summary>"METHOD /path/{parameter}" of every endpoint of the app under /api, as routing knows them.</summary>
    private static List<string> AppRoutes()
    {
        var endpoints = TestEnvironment.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        return
        [
            .. (from endpoint in endpoints.OfType<RouteEndpoint>()
                let path = Path(endpoint.RoutePattern)
                where path.StartsWith("/api/", StringComparison.Ordinal)
                from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []
                select $"{method} {path}").Distinct().Order(StringComparer.Ordinal),
        ];
    }

    private static string Path(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => throw new InvalidOperationException($"unexpected route part {part}"),
        }))));
}
