using System.Net;
using System.Net.Http.Headers;
using System.Text;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Fields;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// The account hostile requests are aimed at: a database with a field of every type, a resource, a
/// trigger, a scenario and one stored profile, so a request that got past the reading of its
/// parameters would have something to create, update, subscribe or launch. The methods build
/// requests carrying its token and database unless a case replaces them.
/// </summary>
public sealed record HostileTarget(TestAccount Account, int ResourceId, int TriggerId, int WorkflowId, string ProfileId)
{
    public const string StoredEmail = "stored@example.com";

    /// <summary>The custom fields of the target database, by type.</summary>
    public static readonly IReadOnlyList<(string Name, FieldType Type)> Fields =
    [
        ("nick", FieldType.String), ("age", FieldType.Int), ("score", FieldType.Float), ("vip", FieldType.Bool),
        ("birthday", FieldType.Date), ("seen", FieldType.DateTime), ("plan", FieldType.Enum), ("interests", FieldType.Tags),
        ("data", FieldType.Json), ("work_email", FieldType.Email), ("work_phone", FieldType.Phone), ("ip", FieldType.Ip),
    ];

    public string Token => Account.Token;

    public string Db => Id(Account.DatabaseId);

    public static async Task<HostileTarget> CreateAsync()
    {
        var account = await TestData.CreateAccountAsync();
        foreach (var (name, type) in Fields)
        {
            await TestData.AddFieldAsync(account.DatabaseId, name, type, options: ["free", "pro"]);
        }

        await TestData.AddFieldAsync(account.DatabaseId, "code", FieldType.String, unique: true);
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var workflow = await TestData.CreateAutomationAsync(AutomationKind.Workflow, account.Id, account.DatabaseId);
        var stored = await ImportApi.ImportAsync(account, ("email", StoredEmail), ("nick", "stored"), ("resource_id", Id(resource)));
        Assert.That(stored.Status, Is.EqualTo(HttpStatusCode.OK), stored.ToString());
        return new HostileTarget(account, resource, trigger, workflow, stored.ProfileId);
    }

    /// <summary>An import of the stored profile's email with these extra parameters, as a form body.</summary>
    public HttpRequestMessage Form(params (string Name, string Value)[] parameters) =>
        Post(ImportApi.Path, ImportApi.Form([("token", Token), ("db_id", Db), .. parameters]));

    /// <summary>A form body of exactly these parameters: the case sends its own token and database.</summary>
    public static HttpRequestMessage FormOnly(params (string Name, string Value)[] parameters) =>
        Post(ImportApi.Path, ImportApi.Form(parameters));

    /// <summary>A form body given as text: the token and database first, then <paramref name="rest"/> (already encoded).</summary>
    public HttpRequestMessage RawForm(string rest) =>
        Bytes(ImportApi.Path, Encoding.UTF8.GetBytes($"token={Token}&db_id={Db}&{rest}"), "application/x-www-form-urlencoded");

    /// <summary>A query string: the token and database first, then <paramref name="rest"/> (already encoded).</summary>
    public HttpRequestMessage Query(string rest, string path = ImportApi.Path) =>
        new(HttpMethod.Post, $"{path}?token={Token}&db_id={Db}&{rest}");

    public HttpRequestMessage Query(params (string Name, string Value)[] parameters) =>
        Query(string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}")));

    /// <summary>A multipart body written out by hand, so names and values go exactly as given.</summary>
    public HttpRequestMessage Multipart(params (string Name, string Value)[] parameters) =>
        RawMultipart(Sections() + string.Concat(parameters.Select(p => Section(p.Name, p.Value))) + "--XyZ--\r\n");

    /// <summary>A JSON body: the token and database first, then <paramref name="members"/> (raw JSON members, no braces).</summary>
    public HttpRequestMessage Json(string members, string path = ImportApi.Path) =>
        RawJson($"{{\"token\":\"{Token}\",\"db_id\":{Db}{(members.Length == 0 ? string.Empty : ",")}{members}}}", path);

    public static HttpRequestMessage RawJson(string json, string path = ImportApi.Path) =>
        Bytes(path, Encoding.UTF8.GetBytes(json), "application/json");

    /// <summary>Exactly these bytes, with this <c>Content-Type</c> header (not checked by the client), or none.</summary>
    public static HttpRequestMessage Bytes(string path, byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return Post(path, content);
    }

    /// <summary>A multipart body given as text, with this boundary in the header.</summary>
    public static HttpRequestMessage RawMultipart(string body, string boundary = "XyZ") =>
        Bytes(ImportApi.Path, Encoding.UTF8.GetBytes(body), $"multipart/form-data; boundary={boundary}");

    /// <summary>A multipart section of a form field, for <see cref="RawMultipart"/>.</summary>
    public string Section(string name, string value, string boundary = "XyZ") =>
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";

    public string Sections(string boundary = "XyZ") => Section("token", Token, boundary) + Section("db_id", Db, boundary);

    public static HttpRequestMessage Post(string pathAndQuery, HttpContent? content = null) =>
        new(HttpMethod.Post, pathAndQuery) { Content = content };

    /// <summary>An admin call with a raw JSON body, authorized with the admin key.</summary>
    public static HttpRequestMessage Admin(HttpMethod method, string path, string? json, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, $"{AdminApi.Root}/{path}");
        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiInstance.AdminKey);
        return request;
    }
}
