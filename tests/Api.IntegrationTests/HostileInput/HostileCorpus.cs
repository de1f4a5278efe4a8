using System.Text;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.ReadApi;
using QuickImport.Api.IntegrationTests.Support;
using static QuickImport.Api.IntegrationTests.HostileInput.HostileTarget;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// The corpus of malformed and malicious requests (issue 7): bad encodings, NUL bytes, overlong values,
/// too many parameters, deep or huge JSON, wrong types, integer overflow, SQL and header injection
/// strings, unknown content types — for the import, the read API and the admin API. Every one must be
/// refused with a 4xx and write nothing. The limits are the defaults of <c>QuickImport:RequestLimits</c>.
/// Slow bodies need a real Kestrel and are in <see cref="SlowBodyTests"/>.
/// </summary>
public static class HostileCorpus
{
    public const int MaxValueLength = 64 * 1024;
    public const int MaxNameLength = 128;
    public const int MaxParameters = 1024;
    public const int MaxBodyBytes = 1024 * 1024;

    public enum Source
    {
        Query,
        Form,
        Multipart,
        Json,
    }

    public static IEnumerable<HostileRequest> All() =>
    [
        .. NulBytes(), .. BadEncodings(), .. OverlongValues(), .. TooManyParameters(), .. DeepOrHugeJson(),
        .. WrongTypes(), .. IntegerOverflow(), .. Injection(), .. ContentTypes(), .. ReadApi(), .. AdminApi(),
    ];

    private static IEnumerable<HostileRequest> NulBytes()
    {
        string[] names = ["token", "db_id", "matching", "email", "phone", "_fname", "nick", "plan", "interests", "data", "request_id", "field_value", "code"];
        foreach (var source in Enum.GetValues<Source>())
        {
            foreach (var name in names)
            {
                yield return Import($"NUL byte in {name} ({source})", 400, t => Send(t, source, (name, "ab\0cd")), $"{name}: contains a NUL character");
            }

            yield return Import($"NUL byte in a parameter name ({source})", 400, t => Send(t, source, ("ni\0ck", "x")), "a parameter name: contains a NUL character");
            yield return Import($"NUL byte alone as a value ({source})", 400, t => Send(t, source, ("_lname", "\0")), "_lname: contains a NUL character");
        }

        yield return Import("escaped NUL inside the JSON text of a json field", 400, t => t.Form(("email", StoredEmail), ("data", "{\"k\":\"a\\u0000b\"}")), "data: contains a NUL character");
        yield return Import("escaped NUL in a key of a json field", 400, t => t.Form(("email", StoredEmail), ("data", "{\"\\u0000\":1}")), "data: contains a NUL character");
        yield return Import("escaped NUL deep in a json field", 400, t => t.Form(("email", StoredEmail), ("data", "[1,[2,{\"a\":[\"\\u0000\"]}]]")), "data: contains a NUL character");
        yield return Import("escaped NUL in a tags JSON array", 400, t => t.Form(("email", StoredEmail), ("interests", "[\"a\",\"\\u0000\"]")), "interests: contains a NUL character");
        yield return Import("NUL byte in a tag list", 400, t => t.Form(("email", StoredEmail), ("interests", "a,\0,b")), "interests: contains a NUL character");
        yield return Import("NUL byte in the query while the body sends the same key", 400, t => Post($"{ImportApi.Path}?_fname=%00", ImportApi.Form([("token", t.Token), ("db_id", t.Db), ("email", StoredEmail), ("_fname", "Ann")])), "_fname: contains a NUL character");
    }

    private static IEnumerable<HostileRequest> BadEncodings()
    {
        (string Name, byte[] Bytes)[] invalid =
        [
            ("a lone continuation byte", [0x80]),
            ("an overlong encoding of '/'", [0xC0, 0xAF]),
            ("an encoded surrogate (CESU-8)", [0xED, 0xA0, 0x80]),
            ("a truncated three-byte sequence", [0xE2, 0x82]),
            ("the byte 0xFF", [0xFF]),
            ("a five-byte sequence", [0xF8, 0x88, 0x80, 0x80, 0x80]),
            ("a code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
            ("Latin-1 'é' (0xE9)", [0xE9]),
        ];
        foreach (var (what, bytes) in invalid)
        {
            yield return Import($"form body with {what}", 400, t => Bytes(ImportApi.Path, Concat($"token={t.Token}&db_id={t.Db}&email={StoredEmail}&nick=a", bytes), "application/x-www-form-urlencoded"), "not valid UTF-8");
            yield return Import($"JSON body with {what}", 400, t => Bytes(ImportApi.Path, Concat($"{{\"token\":\"{t.Token}\",\"db_id\":{t.Db},\"email\":\"{StoredEmail}\",\"nick\":\"a", bytes, "\"}"), "application/json"), "not valid UTF-8");
        }

        foreach (var (what, bytes) in invalid.Take(4))
        {
            yield return Import($"multipart value with {what}", 400, t => Bytes(ImportApi.Path, Concat(t.Sections() + t.Section("email", StoredEmail) + "--XyZ\r\nContent-Disposition: form-data; name=\"nick\"\r\n\r\na", bytes, "\r\n--XyZ--\r\n"), "multipart/form-data; boundary=XyZ"), "not valid UTF-8");
        }

        yield return Import("form value percent-encoding bytes that are not UTF-8", 400, t => t.RawForm($"email={StoredEmail}&_fname=%FF%FE"), "_fname: its percent-encoding is not valid UTF-8");
        yield return Import("query value percent-encoding bytes that are not UTF-8", 400, t => t.Query($"email={StoredEmail}&_fname=%FF%FE"), "_fname: its percent-encoding is not valid UTF-8");
        yield return Import("form value percent-encoding an overlong '/'", 400, t => t.RawForm($"email={StoredEmail}&nick=a%C0%AFb"), "nick: its percent-encoding is not valid UTF-8");
        yield return Import("query value percent-encoding a truncated sequence", 400, t => t.Query($"email={StoredEmail}&nick=%E2%82"), "nick: its percent-encoding is not valid UTF-8");
        yield return Import("form name percent-encoding bytes that are not UTF-8", 400, t => t.RawForm($"email={StoredEmail}&%FFnick=x"), "a parameter name: its percent-encoding is not valid UTF-8");
        yield return Import("form body declared ISO-8859-1 with a Latin-1 byte", 400, t => Bytes(ImportApi.Path, Concat($"token={t.Token}&db_id={t.Db}&nick=", [0xE9]), "application/x-www-form-urlencoded; charset=iso-8859-1"), "not valid UTF-8");
        yield return Import("JSON body in UTF-16", 400, t => Bytes(ImportApi.Path, Encoding.Unicode.GetBytes($"{{\"token\":\"{t.Token}\",\"db_id\":{t.Db}}}"), "application/json; charset=utf-16"), "invalid JSON");
        yield return Import("JSON string with an unpaired high surrogate escape", 400, t => t.Json("\"nick\":\"a\\ud800b\""), "unpaired surrogate");
        yield return Import("JSON string with an unpaired low surrogate escape", 400, t => t.Json("\"nick\":\"\\udc00\""), "unpaired surrogate");
        yield return Import("JSON string with surrogates in the wrong order", 400, t => t.Json("\"nick\":\"\\udc00\\ud800\""), "unpaired surrogate");
        yield return Import("JSON name with an unpaired surrogate escape", 400, t => t.Json("\"\\ud800\":\"x\""), "unpaired surrogate");
        yield return Import("JSON tags array with an unpaired surrogate escape", 400, t => t.Json("\"interests\":[\"a\",\"\\udfff\"]"), "unpaired surrogate");
        yield return Import("json field text with an unpaired surrogate escape", 400, t => t.Form(("email", StoredEmail), ("data", "\"\\ud800\"")), "data: contains an unpaired surrogate");
        yield return Import("tags field JSON text with an unpaired surrogate escape", 400, t => t.Form(("email", StoredEmail), ("interests", "[\"\\udbff\"]")), "interests: contains an unpaired surrogate");
    }

    private static IEnumerable<HostileRequest> OverlongValues()
    {
        var tooLong = new string('a', MaxValueLength + 1);
        foreach (var source in Enum.GetValues<Source>())
        {
            yield return Import($"value one character over the limit in a string field ({source})", 400, t => Send(t, source, ("nick", tooLong)), $"'nick' is {MaxValueLength + 1} characters long");
            yield return Import($"name one character over the limit ({source})", 400, t => Send(t, source, (new string('n', MaxNameLength + 1), "x")), $"a parameter name is {MaxNameLength + 1} characters long");
        }

        yield return Import("token over the value limit", 400, t => t.Form(("token", tooLong)), "'token' is");
        yield return Import("email over the value limit", 400, t => t.Form(("email", new string('a', MaxValueLength) + "@example.com")), "'email' is");
        yield return Import("json field over the value limit", 400, t => t.Form(("email", StoredEmail), ("data", "[" + string.Join(',', Enumerable.Repeat("1", MaxValueLength / 2 + 1)) + "]")), "'data' is");
        yield return Import("tags value over the value limit", 400, t => t.Form(("email", StoredEmail), ("interests", string.Join(',', Enumerable.Repeat("tag", MaxValueLength / 4 + 1)))), "'interests' is");
        yield return Import("value over the limit in multi-byte characters", 400, t => t.Form(("email", StoredEmail), ("nick", new string('Ж', MaxValueLength + 1))), "'nick' is");
        yield return Import("value over the limit in emoji (surrogate pairs)", 400, t => t.Form(("email", StoredEmail), ("nick", string.Concat(Enumerable.Repeat("😀", MaxValueLength / 2 + 1)))), "'nick' is");
        yield return Import("ignored request_id over the value limit", 400, t => t.Form(("email", StoredEmail), ("request_id", tooLong)), "'request_id' is");

        var body = new string('a', MaxBodyBytes);
        yield return Import("form body over 1 MiB with its length declared", 413, t => t.RawForm($"nick={body}"));
        yield return Import("form body over 1 MiB sent chunked", 413, t => Post(ImportApi.Path, new UnsizedContent(Encoding.UTF8.GetBytes($"token={t.Token}&db_id={t.Db}&nick={body}"), "application/x-www-form-urlencoded")));
        yield return Import("JSON body over 1 MiB", 413, t => t.Json($"\"nick\":\"{body}\""));
        yield return Import("multipart body over 1 MiB sent chunked", 413, t => Post(ImportApi.Path, new UnsizedContent(Encoding.UTF8.GetBytes(t.Sections() + t.Section("nick", body) + "--XyZ--\r\n"), "multipart/form-data; boundary=XyZ")));
        yield return Import("body over 1 MiB of an unsupported type", 413, t => Bytes(ImportApi.Path, new byte[MaxBodyBytes + 1], "application/octet-stream"));
        yield return Import("body over 1 MiB without a Content-Type", 413, t => Bytes(ImportApi.Path, new byte[MaxBodyBytes + 1], null));
    }

    private static IEnumerable<HostileRequest> TooManyParameters()
    {
        var many = Enumerable.Range(0, MaxParameters + 1).Select(i => ($"p{i}", "x")).ToArray();
        var detail = "parameters, over the limit of 1024";
        yield return Import("one parameter over the limit in a form", 400, t => t.Form(many), detail);
        yield return Import("one parameter over the limit in the query", 400, t => t.Query(many), detail);
        yield return Import("one parameter over the limit in a multipart body", 400, t => t.Multipart(many), detail);
        yield return Import("one parameter over the limit in a JSON body", 400, t => t.Json(string.Join(',', many.Select(p => $"\"{p.Item1}\":\"x\""))), detail);
        yield return Import("thousands of repeats of a tags field", 400, t => t.RawForm(string.Concat(Enumerable.Repeat("interests=a&", 5000))), detail);
        yield return Import("a JSON tags array of thousands of strings", 400, t => t.Json($"\"interests\":[{string.Join(',', Enumerable.Repeat("\"a\"", 5000))}]"), detail);
        yield return Import("query and body together over the limit", 400, t => Post($"{ImportApi.Path}?{string.Join('&', Enumerable.Range(0, 600).Select(i => $"q{i}=x"))}", ImportApi.Form([("token", t.Token), ("db_id", t.Db), .. Enumerable.Range(0, 600).Select(i => ($"b{i}", "x"))])), "parameters, over the limit");
        yield return Import("a hundred thousand empty parameters", 400, t => t.RawForm(string.Concat(Enumerable.Repeat("&", 100_000)) + string.Concat(Enumerable.Range(0, 100_000).Select(i => "=&"))), "parameters, over the limit");
        yield return Import("a hundred thousand one-letter parameters", 400, t => t.RawForm(string.Join('&', Enumerable.Repeat("a=b", 100_000))), "parameters, over the limit");
    }

    private static IEnumerable<HostileRequest> DeepOrHugeJson()
    {
        yield return Import("JSON object nested two deep", 400, t => t.Json("\"nick\":{\"a\":\"b\"}"), "'nick' must be a string");
        yield return Import("JSON object nested five deep", 400, t => t.Json("\"nick\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}"), "invalid JSON");
        yield return Import("JSON arrays nested a hundred deep", 400, t => t.Json($"\"nick\":{new string('[', 100)}{new string(']', 100)}"), "invalid JSON");
        yield return Import("JSON arrays nested a hundred thousand deep", 400, t => t.Json($"\"nick\":{new string('[', 100_000)}{new string(']', 100_000)}"), "invalid JSON");
        yield return Import("JSON opened a hundred thousand times, never closed", 400, _ => RawJson(new string('{', 100_000)), "invalid JSON");
        yield return Import("JSON array of objects for a tags field", 400, t => t.Json("\"interests\":[{\"a\":1}]"), "'interests' must be a string");
        yield return Import("JSON array of numbers for a tags field", 400, t => t.Json("\"interests\":[1,2]"), "'interests' must be a string");
        yield return Import("JSON array mixing strings and null", 400, t => t.Json("\"interests\":[\"a\",null]"), "'interests' must be a string");
        yield return Import("JSON root array", 400, t => RawJson($"[{{\"token\":\"{t.Token}\",\"db_id\":{t.Db}}}]"), "must be one object");
        yield return Import("JSON root string", 400, _ => RawJson("\"token\""), "must be one object");
        yield return Import("JSON root number", 400, _ => RawJson("42"), "must be one object");
        yield return Import("JSON root null", 400, _ => RawJson("null"), "must be one object");
        yield return Import("JSON root true", 400, _ => RawJson("true"), "must be one object");
        yield return Import("JSON cut off after a name", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":"), "invalid JSON");
        yield return Import("JSON with trailing garbage", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":{t.Db}}} x"), "invalid JSON");
        yield return Import("two JSON objects in one body", 400, t => RawJson($"{{\"token\":\"{t.Token}\"}}{{\"db_id\":{t.Db}}}"), "invalid JSON");
        yield return Import("JSON with a comment", 400, t => t.Json("/* hi */ \"nick\":\"a\""), "invalid JSON");
        yield return Import("JSON with a trailing comma", 400, t => t.Json("\"nick\":\"a\","), "invalid JSON");
        yield return Import("JSON with single quotes", 400, t => t.Json("'nick':'a'"), "invalid JSON");
        yield return Import("JSON with an unquoted name", 400, t => t.Json("nick:\"a\""), "invalid JSON");
        yield return Import("JSON with NaN", 400, t => t.Json("\"score\":NaN"), "invalid JSON");
        yield return Import("JSON with Infinity", 400, t => t.Json("\"score\":Infinity"), "invalid JSON");
        yield return Import("JSON with a hexadecimal number", 400, t => t.Json("\"age\":0x10"), "invalid JSON");
        yield return Import("JSON with a leading zero", 400, t => t.Json("\"age\":012"), "invalid JSON");
        yield return Import("JSON with a raw control character in a string", 400, t => t.Json("\"nick\":\"a\u0001b\""), "invalid JSON");
        yield return Import("JSON with an invalid escape", 400, t => t.Json("\"nick\":\"\\x41\""), "invalid JSON");
        yield return Import("JSON with a truncated unicode escape", 400, t => t.Json("\"nick\":\"\\u12\""), "invalid JSON");
        yield return Import("JSON repeating a field", 400, t => t.Json($"\"email\":\"{StoredEmail}\",\"nick\":\"a\",\"nick\":\"b\""), "nick");
        yield return Import("JSON repeating the database id", 400, t => t.Json("\"db_id\":1"), "db_id");
        yield return Import("json field nested past 64 levels", 400, t => t.Form(("email", StoredEmail), ("data", new string('[', 65) + new string(']', 65))), "data: is nested too deeply (at most 64)");
        yield return Import("json field nested a hundred thousand levels", 400, t => t.Form(("email", StoredEmail), ("data", new string('[', 30_000) + new string(']', 30_000))), "data: is nested too deeply (at most 64)");
        yield return Import("json field of objects nested past 64 levels", 400, t => t.Form(("email", StoredEmail), ("data", string.Concat(Enumerable.Repeat("{\"a\":", 65)) + "1" + new string('}', 65))), "data: is nested too deeply (at most 64)");
        yield return Import("json field as a JSON body member nested past 64 levels", 400, t => t.Json($"\"email\":\"{StoredEmail}\",\"data\":{JsonValue.Create(new string('[', 65) + new string(']', 65)).ToJsonString()}"), "data: is nested too deeply (at most 64)");
        yield return Import("json field with a number past the range of a double", 400, t => t.Form(("email", StoredEmail), ("data", "{\"n\":1e400}")), "data: holds a number outside");
        yield return Import("json field with a number PostgreSQL cannot hold", 400, t => t.Form(("email", StoredEmail), ("data", "[1e131072]")), "data: holds a number outside");
        yield return Import("json field with a number too small for PostgreSQL", 400, t => t.Form(("email", StoredEmail), ("data", "-1e-20000")), "data: holds a number outside");
        yield return Import("json field with a long run of zeros before a digit", 400, t => t.Form(("email", StoredEmail), ("data", "0." + new string('0', 20_000) + "1")), "data: holds a number outside");
        yield return Import("json field with duplicate keys", 400, t => t.Form(("email", StoredEmail), ("data", "{\"a\":1,\"a\":2}")), "data: is not valid JSON");
        yield return Import("json field that is JSON null", 400, t => t.Form(("email", StoredEmail), ("data", "null")), "data: JSON null");
        yield return Import("json field that is not JSON", 400, t => t.Form(("email", StoredEmail), ("data", "{bad")), "data: is not valid JSON");
    }

    private static IEnumerable<HostileRequest> WrongTypes()
    {
        foreach (var id in new[] { "abc", "-1", "0", "1.5", "1e3", "0x10", " 1", "1 ", "+1", "١", "１", "1,2", "true" })
        {
            yield return Import($"db_id '{id}'", 400, t => FormOnly([("token", t.Token), ("db_id", id), ("email", "x@example.com")]), "'db_id' must be a positive integer");
        }

        yield return Import("db_id as a JSON boolean", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":true,\"email\":\"x@example.com\"}}"), "'db_id' must be a positive integer");
        yield return Import("db_id as a JSON array", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":[\"1\",\"2\"],\"email\":\"x@example.com\"}}"), "'db_id' is sent more than once");
        yield return Import("token as a JSON array", 400, t => RawJson($"{{\"token\":[\"{t.Token}\"],\"db_id\":{t.Db},\"email\":\"{StoredEmail}\"}}"), "'token' must be a single value, not an array");
        yield return Import("db_id as a JSON array of one", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":[\"{t.Db}\"],\"email\":\"{StoredEmail}\"}}"), "'db_id' must be a single value, not an array");
        yield return Import("matching as a JSON array", 400, t => t.Json($"\"email\":\"{StoredEmail}\",\"matching\":[\"email\"]"), "'matching' must be a single value, not an array");
        yield return Import("email as a JSON array", 400, t => t.Json($"\"email\":[\"{StoredEmail}\"]"), "email: must be a single value, not an array");
        yield return Import("phone as a JSON array", 400, t => t.Json($"\"email\":\"{StoredEmail}\",\"phone\":[\"+79161234567\"]"), "phone: must be a single value, not an array");
        yield return Import("string field as a JSON array", 400, t => t.Json($"\"email\":\"{StoredEmail}\",\"nick\":[\"a\"]"), "nick: must be a single value, not an array");
        yield return Import("enum field as a JSON array", 400, t => t.Json($"\"email\":\"{StoredEmail}\",\"plan\":[\"free\",\"pro\"]"), "plan: must be a single value, not an array");
        yield return Import("db_id as a JSON object", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":{{\"id\":1}}}}"), "'db_id' must be a string");
        yield return Import("db_id as JSON null", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":null,\"email\":\"x@example.com\"}}"), "'db_id' is required");
        yield return Import("db_id as the JSON number 1.0", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":1.0,\"email\":\"x@example.com\"}}"), "'db_id' must be a positive integer");
        yield return Import("resource_id 'abc'", 400, t => t.Form(("email", StoredEmail), ("resource_id", "abc")), "'resource_id' must be a positive integer");
        yield return Import("trigger_id '-5'", 400, t => t.Form(("email", StoredEmail), ("trigger_id", "-5")), "'trigger_id' must be a positive integer");
        yield return Import("workflow_id '1.5'", 400, t => t.Form(("email", StoredEmail), ("workflow_id", "1.5")), "'workflow_id' must be a positive integer");
        yield return Import("an unknown matching mode", 400, t => t.Form(("email", StoredEmail), ("matching", "everything")), "'matching' must be one of");
        yield return Import("matching profile_id with a non-hex id", 400, t => t.Form(("matching", "profile_id"), ("profile_id", "zzzzzzzzzzzzzzzzzzzzzzzz"), ("nick", "x")), "'profile_id' must be 24 hexadecimal digits");
        yield return Import("matching profile_id with a 23-digit id", 400, t => t.Form(("matching", "profile_id"), ("profile_id", new string('a', 23)), ("nick", "x")), "'profile_id' must be 24 hexadecimal digits");
        yield return Import("matching profile_id with a 25-digit id", 400, t => t.Form(("matching", "profile_id"), ("profile_id", new string('a', 25)), ("nick", "x")), "'profile_id' must be 24 hexadecimal digits");
        yield return Import("matching field_name on a field that does not exist", 400, t => t.Form(("matching", "field_name"), ("field_name", "nope"), ("field_value", "x")), "the database has no field 'nope'");
        yield return Import("matching field_name on phones", 400, t => t.Form(("matching", "field_name"), ("field_name", "phones"), ("field_value", "+79161234567")), "matching 'phone'");

        (string Field, string Value, string Reason)[] values =
        [
            ("age", "12abc", "is not an integer"), ("age", "1,000", "is not an integer"), ("age", " 12", "is not an integer"), ("age", "1e3", "is not an integer"),
            ("age", "12.0", "is not an integer"), ("age", "٣", "is not an integer"),
            ("score", "NaN", "is not a number"), ("score", "Infinity", "is not a number"), ("score", "-Infinity", "is not a number"), ("score", "1,5", "is not a number"),
            ("score", "1e400", "is out of the range of a number"), ("score", "0x1p3", "is not a number"),
            ("vip", "maybe", "is not a boolean"), ("vip", "2", "is not a boolean"), ("vip", "on", "is not a boolean"),
            ("birthday", "2024-02-30", "is not a real date"), ("birthday", "2024-13-01", "is not a real date"), ("birthday", "24-01-01", "is not a date in the form YYYY-MM-DD"),
            ("birthday", "2024-1-1", "is not a date in the form YYYY-MM-DD"), ("birthday", "99999-01-01", "is not a date in the form YYYY-MM-DD"), ("birthday", "0000-01-01", "is not a real date"),
            ("seen", "2024-01-01T25:00:00Z", "is not a real date and time"), ("seen", "2024-01-01", "is not a date and time in RFC 3339 form"), ("seen", "2024-01-01T00:00:00+24:00", "is not a real date and time"),
            ("seen", "0001-01-01T00:00:00+01:00", "is out of the range of dates"), ("seen", "9999-12-31T23:59:59-01:00", "is out of the range of dates"), ("seen", "yesterday", "is not a date and time in RFC 3339 form"),
            ("plan", "enterprise", "is not one of: free, pro"), ("plan", "PRO", "is not one of: free, pro"),
            ("interests", "[1,2]", "is not a JSON array of strings"), ("interests", "[", "is not a JSON array of strings"), ("interests", "[\"a\",1]", "is not a JSON array of strings"),
            ("work_email", "not-an-email", "is not a valid email address"), ("work_email", "a@b@c.com", "is not a valid email address"), ("work_email", "a@", "is not a valid email address"),
            ("work_email", "@example.com", "is not a valid email address"), ("work_email", "a@-example-.com", "is not a valid email address"), ("work_email", "a@exa mple.com", "is not a valid email address"),
            ("work_phone", "abc", "is not a valid phone number"), ("work_phone", "+0000", "is not a valid phone number"), ("work_phone", "+7", "is not a valid phone number"),
            ("ip", "999.1.1.1", "is not an IPv4 or IPv6 address"), ("ip", "::1%eth0", "is not an IPv4 or IPv6 address"), ("ip", "010.1.1.1", "is not an IPv4 or IPv6 address"),
            ("ip", "1.2.3", "is not an IPv4 or IPv6 address"), ("ip", "[::1]", "is not an IPv4 or IPv6 address"), ("ip", "1.2.3.4/24", "is not an IPv4 or IPv6 address"),
            ("_sex", "3", "is not one of: male, female"), ("_sex", "unknown", "is not one of: male, female"), ("_bdate", "yesterday", "is not a date in the form YYYY-MM-DD"),
            ("_regip", "localhost", "is not an IPv4 or IPv6 address"),
            ("_regurl", "javascript:alert(1)", "is not an absolute http or https URL"), ("_regurl", "data:text/html,<script>alert(1)</script>", "is not an absolute http or https URL"),
            ("_regurl", "https://shop.example/\r\nSet-Cookie: a=b", "is not an absolute http or https URL"), ("_regurl", "/signup", "is not an absolute http or https URL"),
            ("_regurl", "ftp://shop.example/", "is not an absolute http or https URL"),
        ];
        foreach (var (field, value, reason) in values)
        {
            yield return Import($"{field} '{value}'", 400, t => t.Form(("email", StoredEmail), (field, value)), $"{field}: '{value}' {reason}");
        }

        yield return Import("email that is not an address", 400, t => t.Form(("email", "ann at example.com")), "email");
        yield return Import("email with two at signs", 400, t => t.Form(("email", "ann@@example.com")), "email");
        yield return Import("email with an invalid IDN domain", 400, t => t.Form(("email", "ann@xn--a.xn--b")), "email");
        yield return Import("phone that is letters", 400, t => t.Form(("email", StoredEmail), ("phone", "call me")), "phone");
        yield return Import("phone with letters among its digits", 400, t => t.Form(("email", StoredEmail), ("phone", "+7 916 ABC-45-67")), "phone: '+7 916 ABC-45-67' is not a valid phone number: only digits");
        yield return Import("phone field spelled in letters", 400, t => t.Form(("email", StoredEmail), ("work_phone", "+1 800 FLOWERS")), "work_phone: '+1 800 FLOWERS' is not a valid phone number: only digits");
        yield return Import("_regdate sent by the client", 400, t => t.Form(("email", StoredEmail), ("_regdate", "2024-01-01T00:00:00Z")), "_regdate");
        yield return Import("phones sent directly", 400, t => t.Form(("email", StoredEmail), ("phones", "+79161234567")), "phones");
        yield return Import("a field the database does not have", 400, t => t.Form(("email", StoredEmail), ("no_such_field", "x")), "no_such_field");
    }

    private static IEnumerable<HostileRequest> IntegerOverflow()
    {
        foreach (var id in new[] { "2147483648", "4294967296", "9223372036854775808", "99999999999999999999999999999999", "-2147483649" })
        {
            yield return Import($"db_id {id} overflows an int", 400, t => FormOnly([("token", t.Token), ("db_id", id), ("email", "x@example.com")]), "'db_id' must be a positive integer");
        }

        yield return Import("resource_id overflows an int", 400, t => t.Form(("email", StoredEmail), ("resource_id", "2147483648")), "'resource_id'");
        yield return Import("trigger_id overflows an int", 400, t => t.Form(("email", StoredEmail), ("trigger_id", "99999999999")), "'trigger_id'");
        yield return Import("workflow_id overflows an int", 400, t => t.Form(("email", StoredEmail), ("workflow_id", "2147483648")), "'workflow_id'");
        yield return Import("db_id as a JSON number past an int", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":2147483648,\"email\":\"x@example.com\"}}"), "'db_id'");
        yield return Import("db_id as a JSON number past a double", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":1e309,\"email\":\"x@example.com\"}}"), "'db_id'");
        yield return Import("db_id of a thousand digits", 400, t => FormOnly([("token", t.Token), ("db_id", new string('9', 1000)), ("email", "x@example.com")]), "'db_id'");
        yield return Import("int field one past the largest 64-bit integer", 400, t => t.Form(("email", StoredEmail), ("age", "9223372036854775808")), "age: ");
        yield return Import("int field one below the smallest 64-bit integer", 400, t => t.Form(("email", StoredEmail), ("age", "-9223372036854775809")), "age: ");
        yield return Import("int field of a thousand digits", 400, t => t.Form(("email", StoredEmail), ("age", new string('9', 1000))), "age: ");
        yield return Import("int field as a JSON number past 64 bits", 400, t => t.Json($"\"email\":\"{StoredEmail}\",\"age\":18446744073709551616"), "age: ");
        yield return Import("float field as a JSON number past a double", 400, t => t.Json($"\"email\":\"{StoredEmail}\",\"score\":1e999"), "score: ");
    }

    private static IEnumerable<HostileRequest> Injection()
    {
        const string drop = "'; DROP TABLE profiles;--";
        yield return Import("SQL injection in db_id", 400, t => FormOnly([("token", t.Token), ("db_id", "1; DROP TABLE profiles;--"), ("email", "x@example.com")]), "'db_id'");
        yield return Import("SQL tautology in db_id", 400, t => FormOnly([("token", t.Token), ("db_id", "1 OR 1=1"), ("email", "x@example.com")]), "'db_id'");
        yield return Import("SQL injection in matching", 400, t => t.Form(("email", StoredEmail), ("matching", "email' OR '1'='1")), "'matching'");
        yield return Import("SQL injection in field_name", 400, t => t.Form(("matching", "field_name"), ("field_name", "nick; DROP TABLE profiles;--"), ("field_value", "x")), "field_name");
        yield return Import("SQL injection after a real profile_id", 400, t => t.Form(("matching", "profile_id"), ("profile_id", t.ProfileId + "' OR '1'='1"), ("nick", "x")), "'profile_id' must be 24 hexadecimal digits");
        yield return Import("SQL injection in profile_id", 400, t => t.Form(("matching", "profile_id"), ("profile_id", "' OR 1=1 --"), ("nick", "x")), "'profile_id'");
        yield return Import("SQL UNION in resource_id", 400, t => t.Form(("email", StoredEmail), ("resource_id", "1 UNION SELECT secret_hash FROM api_tokens")), "'resource_id'");
        yield return Import("SQL injection as a parameter name", 400, t => t.Form(("email", StoredEmail), ("nick" + drop, "x")), "the database has no such field");
        yield return Import("SQL injection in an email", 400, t => t.Form(("email", drop + "@example.com")), "email");
        yield return Import("SQL injection in an int field", 400, t => t.Form(("email", StoredEmail), ("age", "1; DELETE FROM profiles")), "age: ");
        yield return Import("SQL injection in a json field", 400, t => t.Form(("email", StoredEmail), ("data", "{}'); DROP TABLE profiles;--")), "data: ");
        yield return Import("SQL injection as the token", 403, t => FormOnly([("token", "' OR '1'='1"), ("db_id", t.Db), ("email", "x@example.com")]));
        yield return Import("SQL injection as a bearer token", 403, t => WithBearer(FormOnly([("db_id", t.Db), ("email", "x@example.com")]), "' OR ''='"));
        yield return Import("bearer token of 64 KiB", 403, t => WithBearer(FormOnly([("db_id", t.Db), ("email", "x@example.com")]), new string('a', 64 * 1024)));
        yield return Import("bearer scheme without a token", 403, t => WithHeader(FormOnly([("db_id", t.Db), ("email", "x@example.com")]), "Authorization", "Bearer "));
    }

    private static IEnumerable<HostileRequest> ContentTypes()
    {
        foreach (var type in new[] { "text/plain", "application/xml", "text/xml", "application/octet-stream", "image/png", "text/json", "application/json-patch+json", "application/x-www-form-urlencodedx", "multipart/mixed; boundary=XyZ" })
        {
            yield return Import($"body of type {type}", 400, t => Bytes(ImportApi.Path, Encoding.UTF8.GetBytes($"token={t.Token}&db_id={t.Db}&nick=x"), type), "unsupported Content-Type");
        }

        yield return Import("body without a Content-Type", 400, t => Bytes(ImportApi.Path, Encoding.UTF8.GetBytes($"token={t.Token}&db_id={t.Db}"), null), "needs a Content-Type");
        yield return Import("body with a Content-Type that does not parse", 400, t => Bytes(ImportApi.Path, Encoding.UTF8.GetBytes($"token={t.Token}&db_id={t.Db}"), ";;;"), "needs a Content-Type");
        yield return Import("multipart without a boundary", 400, t => Bytes(ImportApi.Path, Encoding.UTF8.GetBytes(t.Sections() + "--XyZ--\r\n"), "multipart/form-data"), "without a boundary");
        yield return Import("multipart whose boundary is not in the body", 400, t => RawMultipart(t.Sections() + "--XyZ--\r\n", "Other"), "unreadable multipart body");
        yield return Import("multipart never closed", 400, t => RawMultipart(t.Sections() + "--XyZ\r\nContent-Disposition: form-data; name=\"nick\"\r\n\r\nx"), "unreadable multipart body");
        yield return Import("multipart with a file part", 400, t => RawMultipart(t.Sections() + "--XyZ\r\nContent-Disposition: form-data; name=\"nick\"; filename=\"a.txt\"\r\n\r\nx\r\n--XyZ--\r\n"), "files are not accepted");
        yield return Import("multipart section without Content-Disposition", 400, t => RawMultipart(t.Sections() + "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--\r\n"), "not a form field");
        yield return Import("multipart section with headers over 16 KiB", 400, t => RawMultipart(t.Sections() + $"--XyZ\r\nContent-Disposition: form-data; name=\"nick\"\r\nX-Pad: {new string('a', 20_000)}\r\n\r\nx\r\n--XyZ--\r\n"), "unreadable multipart body");
        yield return Import("multipart section with a hundred headers", 400, t => RawMultipart(t.Sections() + "--XyZ\r\nContent-Disposition: form-data; name=\"nick\"\r\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"X-{i}: a\r\n")) + "\r\nx\r\n--XyZ--\r\n"), "unreadable multipart body");
        yield return Import("multipart with a header line without a colon", 400, t => RawMultipart(t.Sections() + "--XyZ\r\nContent-Disposition form-data\r\n\r\nx\r\n--XyZ--\r\n"), "multipart");
    }

    private static IEnumerable<HostileRequest> ReadApi()
    {
        yield return Read("read: escaped NUL in the email", 400, t => t.Json("\"email\":\"a\\u0000@example.com\"", ProfilesApi.Path), "email: contains a NUL character");
        yield return Read("read: NUL byte in field_value (query)", 400, t => t.Query("field_name=nick&field_value=a%00", ProfilesApi.Path), "field_value: contains a NUL character");
        yield return Read("read: NUL byte in field_name (query)", 400, t => t.Query("field_name=ni%00ck&field_value=a", ProfilesApi.Path), "field_name: contains a NUL character");
        yield return Read("read: NUL byte in profile_id", 400, t => t.Json("\"profile_id\":\"\\u0000\"", ProfilesApi.Path), "profile_id: contains a NUL character");
        yield return Read("read: NUL byte in the token", 400, t => RawJson($"{{\"token\":\"{t.Token}\\u0000\",\"db_id\":{t.Db},\"email\":\"{StoredEmail}\"}}", ProfilesApi.Path), "token: contains a NUL character");
        yield return Read("read: unpaired surrogate escape in the email", 400, t => t.Json("\"email\":\"\\ud800@example.com\"", ProfilesApi.Path), "unpaired surrogate");
        yield return Read("read: percent-encoded bytes that are not UTF-8 in the query", 400, t => t.Query("field_name=nick&field_value=%E9", ProfilesApi.Path), "field_value: its percent-encoding is not valid UTF-8");
        yield return Read("read: invalid UTF-8 in a JSON body", 400, t => Bytes(ProfilesApi.Path, Concat($"{{\"token\":\"{t.Token}\",\"db_id\":{t.Db},\"email\":\"a", [0xC0, 0xAF], "@example.com\"}"), "application/json"), "not valid UTF-8");
        yield return Read("read: one parameter over the limit", 400, t => t.Json(string.Join(',', Enumerable.Range(0, MaxParameters).Select(i => $"\"p{i}\":\"x\"")), ProfilesApi.Path), "parameters, over the limit");
        yield return Read("read: email over the value limit", 400, t => t.Json($"\"email\":\"{new string('a', MaxValueLength)}@example.com\"", ProfilesApi.Path), "'email' is");
        yield return Read("read: body over 1 MiB", 413, t => t.Json($"\"email\":\"{new string('a', MaxBodyBytes)}\"", ProfilesApi.Path));
        yield return Read("read: JSON nested five deep", 400, t => t.Json("\"email\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}", ProfilesApi.Path), "invalid JSON");
        yield return Read("read: JSON root array", 400, _ => RawJson("[]", ProfilesApi.Path), "must be one object");
        yield return Read("read: JSON cut off", 400, t => RawJson($"{{\"token\":\"{t.Token}\",", ProfilesApi.Path), "invalid JSON");
        yield return Read("read: db_id 'abc'", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":\"abc\",\"email\":\"{StoredEmail}\"}}", ProfilesApi.Path), "'db_id' must be a positive integer");
        yield return Read("read: db_id overflows an int", 400, t => RawJson($"{{\"token\":\"{t.Token}\",\"db_id\":2147483648,\"email\":\"{StoredEmail}\"}}", ProfilesApi.Path), "'db_id' must be a positive integer");
        yield return Read("read: SQL tautology as the email", 400, t => t.Json("\"email\":\"' OR 1=1--\"", ProfilesApi.Path), "email");
        yield return Read("read: SQL injection in profile_id", 400, t => t.Json("\"profile_id\":\"' OR ''='\"", ProfilesApi.Path), "'profile_id' must be 24 hexadecimal digits");
        yield return Read("read: SQL injection in field_name", 400, t => t.Json("\"field_name\":\"nick; DROP TABLE profiles;--\",\"field_value\":\"x\"", ProfilesApi.Path), "field_name");
        yield return Read("read: SQL injection as the token", 403, t => RawJson($"{{\"token\":\"' OR '1'='1\",\"db_id\":{t.Db},\"email\":\"{StoredEmail}\"}}", ProfilesApi.Path));
        yield return Read("read: token as a JSON array", 400, t => RawJson($"{{\"token\":[\"{t.Token}\"],\"db_id\":{t.Db},\"email\":\"{StoredEmail}\"}}", ProfilesApi.Path), "'token' must be a single value, not an array");
        yield return Read("read: email as a JSON array", 400, t => t.Json($"\"email\":[\"{StoredEmail}\"]", ProfilesApi.Path), "'email' must be a single value, not an array");
        yield return Read("read: two lookups at once", 400, t => t.Json($"\"email\":\"{StoredEmail}\",\"phone\":\"+79161234567\"", ProfilesApi.Path), "exactly one of");
        yield return Read("read: body of type text/plain", 400, t => Bytes(ProfilesApi.Path, Encoding.UTF8.GetBytes($"token={t.Token}"), "text/plain"), "unsupported Content-Type");
        yield return Read("read: body of type application/xml", 400, t => Bytes(ProfilesApi.Path, Encoding.UTF8.GetBytes("<get/>"), "application/xml"), "unsupported Content-Type");
        yield return Read("read: phone that is letters", 400, t => t.Json("\"phone\":\"call me\"", ProfilesApi.Path), "phone");
        yield return Read("read: phone with letters among its digits", 400, t => t.Json("\"phone\":\"+1 800 FLOWERS\"", ProfilesApi.Path), "phone: '+1 800 FLOWERS' is not a valid phone number: only digits");
    }

    private static IEnumerable<HostileRequest> AdminApi()
    {
        yield return Admin("admin: JSON cut off", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":"));
        yield return Admin("admin: JSON root array", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "[]"));
        yield return Admin("admin: JSON root string", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "\"x\""));
        yield return Admin("admin: empty body", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", string.Empty));
        yield return Admin("admin: name missing", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"profile_limit\":1}"));
        yield return Admin("admin: name null", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":null}"));
        yield return Admin("admin: name a number", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":42}"));
        yield return Admin("admin: name an object", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":{\"a\":1}}"));
        yield return Admin("admin: name of 201 characters", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", $"{{\"name\":\"{new string('a', 201)}\"}}"));
        yield return Admin("admin: name of a megabyte", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", $"{{\"name\":\"{new string('a', MaxBodyBytes)}\"}}"));
        yield return Admin("admin: profile_limit a string", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":\"x\",\"profile_limit\":\"ten\"}"));
        yield return Admin("admin: profile_limit a numeric string", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":\"x\",\"profile_limit\":\"5\"}"));
        yield return Admin("admin: patch profile_limit a numeric string", 400, t => HostileTarget.Admin(HttpMethod.Patch, $"accounts/{t.Account.Id}", "{\"profile_limit\":\"5\"}"));
        yield return Admin("admin: database_id a numeric string", 400, t => HostileTarget.Admin(HttpMethod.Post, $"accounts/{t.Account.Id}/triggers", $"{{\"name\":\"t\",\"database_id\":\"{t.Db}\",\"active\":true}}"));
        yield return Admin("admin: a field name taken in another case", 409, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", "{\"name\":\"NICK\",\"type\":\"string\"}"));
        yield return Admin("admin: a system field's name in capitals", 409, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", "{\"name\":\"EMAIL\",\"type\":\"email\"}"));
        yield return Admin("admin: an enum option of 100,000 characters", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", $"{{\"name\":\"tier\",\"type\":\"enum\",\"options\":[\"{new string('a', 100_000)}\"]}}"));
        yield return Admin("admin: 1,001 enum options", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", $"{{\"name\":\"tier\",\"type\":\"enum\",\"options\":[{string.Join(',', Enumerable.Range(0, 1001).Select(i => $"\"o{i}\""))}]}}"));
        yield return Admin("admin: profile_limit past an int", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":\"x\",\"profile_limit\":2147483648}"));
        yield return Admin("admin: profile_limit past a double", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":\"x\",\"profile_limit\":1e999}"));
        yield return Admin("admin: profile_limit a fraction", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":\"x\",\"profile_limit\":1.5}"));
        yield return Admin("admin: profile_limit negative", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":\"x\",\"profile_limit\":-1}"));
        yield return Admin("admin: patch profile_limit past an int", 400, t => HostileTarget.Admin(HttpMethod.Patch, $"accounts/{t.Account.Id}", "{\"profile_limit\":99999999999}"));
        yield return Admin("admin: JSON nested a thousand deep", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", $"{{\"name\":\"x\",\"extra\":{new string('[', 1000)}{new string(']', 1000)}}}"));
        yield return Admin("admin: body of type text/plain", 415, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":\"x\"}", "text/plain"));
        yield return Admin("admin: body of type application/xml", 415, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "<account name=\"x\"/>", "application/xml"));
        yield return Admin("admin: invalid UTF-8 in a name", 400, _ => AdminBytes("accounts", Concat("{\"name\":\"a", [0xC0, 0xAF], "\"}")));
        yield return Admin("admin: escaped NUL in an account name", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":\"a\\u0000b\"}"));
        yield return Admin("admin: unpaired surrogate escape in an account name", 400, _ => HostileTarget.Admin(HttpMethod.Post, "accounts", "{\"name\":\"a\\ud800b\"}"));
        yield return Admin("admin: escaped NUL in a token name", 400, t => HostileTarget.Admin(HttpMethod.Post, $"accounts/{t.Account.Id}/tokens", "{\"name\":\"\\u0000\"}"));
        yield return Admin("admin: escaped NUL in a database name", 400, t => HostileTarget.Admin(HttpMethod.Post, $"accounts/{t.Account.Id}/databases", "{\"name\":\"db\\u0000\"}"));
        yield return Admin("admin: escaped NUL in a field name", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", "{\"name\":\"f\\u0000\",\"type\":\"string\"}"));
        yield return Admin("admin: escaped NUL in an enum option", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", "{\"name\":\"tier\",\"type\":\"enum\",\"options\":[\"a\",\"b\\u0000\"]}"));
        yield return Admin("admin: null among enum options", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", "{\"name\":\"tier\",\"type\":\"enum\",\"options\":[\"a\",null]}"));
        yield return Admin("admin: SQL injection as a field name", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", "{\"name\":\"x'; DROP TABLE profiles;--\",\"type\":\"string\"}"));
        yield return Admin("admin: unknown field type", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", "{\"name\":\"x\",\"type\":\"varchar(10)\"}"));
        yield return Admin("admin: field type null", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/fields", "{\"name\":\"x\",\"type\":null}"));
        yield return Admin("admin: escaped NUL in a resource name", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/resources", "{\"name\":\"r\\u0000\",\"channels\":[\"email\"]}"));
        yield return Admin("admin: escaped NUL in a channel", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/resources", "{\"name\":\"r\",\"channels\":[\"email\\u0000\"]}"));
        yield return Admin("admin: null channel", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/resources", "{\"name\":\"r\",\"channels\":[null]}"));
        yield return Admin("admin: channels a string", 400, t => HostileTarget.Admin(HttpMethod.Post, $"databases/{t.Db}/resources", "{\"name\":\"r\",\"channels\":\"email\"}"));
        yield return Admin("admin: escaped NUL in a trigger name", 400, t => HostileTarget.Admin(HttpMethod.Post, $"accounts/{t.Account.Id}/triggers", $"{{\"name\":\"t\\u0000\",\"database_id\":{t.Db},\"active\":true}}"));
        yield return Admin("admin: escaped NUL in a workflow name", 400, t => HostileTarget.Admin(HttpMethod.Post, $"accounts/{t.Account.Id}/workflows", $"{{\"name\":\"w\\u0000\",\"database_id\":{t.Db},\"active\":true}}"));
        yield return Admin("admin: database_id a string", 400, t => HostileTarget.Admin(HttpMethod.Post, $"accounts/{t.Account.Id}/triggers", "{\"name\":\"t\",\"database_id\":\"1; DROP TABLE automations\",\"active\":true}"));
        yield return Admin("admin: active a string", 400, t => HostileTarget.Admin(HttpMethod.Patch, $"triggers/{t.TriggerId}", "{\"active\":\"yes\"}"));
        yield return Admin("admin: account id past an int in the route", 404, _ => HostileTarget.Admin(HttpMethod.Get, "accounts/99999999999", null));
        yield return Admin("admin: negative account id in the route", 404, _ => HostileTarget.Admin(HttpMethod.Get, "accounts/-1", null));
        yield return Admin("admin: SQL injection in the route", 404, _ => HostileTarget.Admin(HttpMethod.Get, "accounts/1%20OR%201=1", null));
        yield return Admin("admin: SQL injection as the admin key", 401, _ => WithBearer(new HttpRequestMessage(HttpMethod.Post, $"{Support.AdminApi.Root}/accounts") { Content = ImportApi.Json("{\"name\":\"x\"}") }, "' OR '1'='1"));
    }

    private static HostileRequest Import(string name, int status, Func<HostileTarget, HttpRequestMessage> build, string? detail = null) =>
        new(name, HostileEndpoint.Import, build, status, detail);

    private static HostileRequest Read(string name, int status, Func<HostileTarget, HttpRequestMessage> build, string? detail = null) =>
        new(name, HostileEndpoint.Read, build, status, detail);

    private static HostileRequest Admin(string name, int status, Func<HostileTarget, HttpRequestMessage> build) =>
        new(name, HostileEndpoint.Admin, build, status);

    /// <summary>
    /// An update of the stored profile that also subscribes it and launches its trigger and scenario,
    /// sending <paramref name="parameter"/> in <paramref name="source"/>: without the rule under test
    /// the request would write a profile, a subscription and two launches.
    /// </summary>
    private static HttpRequestMessage Send(HostileTarget target, Source source, (string Name, string Value) parameter)
    {
        (string Name, string Value)[] parameters =
        [
            .. parameter.Name == "email" ? Array.Empty<(string, string)>() : [("email", StoredEmail)],
            ("resource_id", Id(target.ResourceId)), ("trigger_id", Id(target.TriggerId)), ("workflow_id", Id(target.WorkflowId)),
            parameter,
        ];
        return source switch
        {
            Source.Query => target.Query(parameters),
            Source.Form => target.Form(parameters),
            Source.Multipart => target.Multipart(parameters),
            _ => target.Json(string.Join(',', parameters.Select(p => $"{JsonValue.Create(p.Name).ToJsonString()}:{JsonValue.Create(p.Value).ToJsonString()}"))),
        };
    }

    private static HttpRequestMessage AdminBytes(string path, byte[] json)
    {
        var request = HostileTarget.Admin(HttpMethod.Post, path, null);
        request.Content = new ByteArrayContent(json);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return request;
    }

    private static HttpRequestMessage WithBearer(HttpRequestMessage request, string token) =>
        WithHeader(request, "Authorization", $"Bearer {token}");

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static byte[] Concat(string head, byte[] bytes, string tail = "") =>
        [.. Encoding.UTF8.GetBytes(head), .. bytes, .. Encoding.UTF8.GetBytes(tail)];
}
