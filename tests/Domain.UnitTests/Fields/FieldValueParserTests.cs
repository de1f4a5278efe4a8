using System.Text.Json;
using System.Text.Json.Nodes;
using Moq;
using QuickImport.Domain.Common;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.UnitTests.Fields;

public sealed class FieldValueParserTests
{
    private const string Region = "RU";

    private Mock<IPhoneNumberNormalizer> phoneNumbers = null!;
    private FieldValueParser parser = null!;

    private static FieldDefinition SexField => SystemFields.All.Single(f => f.Name == SystemFields.Sex);

    [SetUp]
    public void SetUp()
    {
        phoneNumbers = new Mock<IPhoneNumberNormalizer>(MockBehavior.Strict);
        parser = new FieldValueParser(phoneNumbers.Object);
    }

    // ---- common rules ----

    [Test]
    public void Parse_NoValues_IsNull()
    {
        Assert.That(parser.Parse(Field(FieldType.Int), [], Region), Is.Null);
    }

    [TestCase(FieldType.String)]
    [TestCase(FieldType.Int)]
    [TestCase(FieldType.Float)]
    [TestCase(FieldType.Bool)]
    [TestCase(FieldType.Date)]
    [TestCase(FieldType.DateTime)]
    [TestCase(FieldType.Enum)]
    [TestCase(FieldType.Json)]
    [TestCase(FieldType.Email)]
    [TestCase(FieldType.Phone)]
    [TestCase(FieldType.Ip)]
    public void Parse_TwoValuesForAnythingButTags_IsSentMoreThanOnce(FieldType type)
    {
        var error = ParseFails(Field(type), "1", "1");

        Assert.That(error.Detail, Is.EqualTo("f: sent more than once"));
    }

    [Test]
    public void Parse_AnInvalidValue_NamesTheField()
    {
        var error = Assert.Throws<InvalidValueException>(
            () => parser.Parse(new FieldDefinition("age", FieldType.Int), ["abc"], Region));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("age"));
            Assert.That(error.Detail, Is.EqualTo("age: 'abc' is not an integer"));
            Assert.That(error.Message, Is.EqualTo(error.Detail));
        });
    }

    [Test]
    public void Parse_ALongInvalidValue_IsCutShortInTheReason()
    {
        var value = new string('x', 500);

        var error = ParseFails(Field(FieldType.Int), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{new string('x', 100)}…' is not an integer"));
    }

    [TestCase("+79001234567")]
    [TestCase("")]
    public void Parse_ThePhonesField_IsRefused(string value)
    {
        var phones = SystemFields.All.Single(f => f.Name == SystemFields.Phones);

        var error = Assert.Throws<InvalidValueException>(() => parser.Parse(phones, [value], Region));

        Assert.That(error!.Detail, Is.EqualTo("phones: set it through the 'phone' parameter"));
    }

    // ---- string ----

    [TestCase("Hello, world")]
    [TestCase("  spaces are kept  ")]
    [TestCase("Привет \"quoted\" \\ <tag>")]
    [TestCase("1")]
    public void Parse_String_IsTheTextAsSent(string value)
    {
        var node = Parse(Field(FieldType.String), value);

        Assert.Multiple(() =>
        {
            Assert.That(node!.GetValueKind(), Is.EqualTo(JsonValueKind.String));
            Assert.That(node.GetValue<string>(), Is.EqualTo(value));
        });
    }

    // ---- int ----

    [TestCase("0", 0L)]
    [TestCase("42", 42L)]
    [TestCase("-17", -17L)]
    [TestCase("+5", 5L)]
    [TestCase("-0", 0L)]
    [TestCase("007", 7L)]
    [TestCase("9223372036854775807", long.MaxValue)]
    [TestCase("-9223372036854775808", long.MinValue)]
    public void Parse_Int_IsAJsonNumber(string value, long expected)
    {
        var node = Parse(Field(FieldType.Int), value);

        Assert.Multiple(() =>
        {
            Assert.That(node!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(node.GetValue<long>(), Is.EqualTo(expected));
        });
    }

    [TestCase("abc")]
    [TestCase("1.0")]
    [TestCase("1e3")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("1\n")]
    [TestCase("+")]
    [TestCase("--1")]
    [TestCase("1,000")]
    [TestCase("1_000")]
    [TestCase("0x10")]
    [TestCase("١٢")]
    [TestCase("\u22121")]
    public void Parse_Int_RefusesWhatIsNotAnInteger(string value)
    {
        var error = ParseFails(Field(FieldType.Int), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is not an integer"));
    }

    [TestCase("9223372036854775808")]
    [TestCase("-9223372036854775809")]
    [TestCase("100000000000000000000000")]
    public void Parse_Int_RefusesWhatDoesNotFitInALong(string value)
    {
        var error = ParseFails(Field(FieldType.Int), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' does not fit in a 64-bit integer"));
    }

    // ---- float ----

    [TestCase("1.5", 1.5)]
    [TestCase("-0.25", -0.25)]
    [TestCase("+3", 3.0)]
    [TestCase("42", 42.0)]
    [TestCase("1e3", 1000.0)]
    [TestCase("1E-2", 0.01)]
    [TestCase("2.5e+2", 250.0)]
    [TestCase(".5", 0.5)]
    [TestCase("5.", 5.0)]
    [TestCase("1.7976931348623157e308", double.MaxValue)]
    public void Parse_Float_IsAJsonNumber(string value, double expected)
    {
        var node = Parse(Field(FieldType.Float), value);

        Assert.Multiple(() =>
        {
            Assert.That(node!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(node.GetValue<double>(), Is.EqualTo(expected));
        });
    }

    [TestCase("abc")]
    [TestCase("1,5")]
    [TestCase("1,000.5")]
    [TestCase("1 000")]
    [TestCase(" 1.5")]
    [TestCase("1.5 ")]
    [TestCase("1.2.3")]
    [TestCase(".")]
    [TestCase("e3")]
    [TestCase("1e")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("-Infinity")]
    [TestCase("∞")]
    [TestCase("0x1p3")]
    public void Parse_Float_RefusesWhatIsNotANumber(string value)
    {
        var error = ParseFails(Field(FieldType.Float), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is not a number"));
    }

    [TestCase("1e400")]
    [TestCase("-1e309")]
    public void Parse_Float_RefusesWhatOverflowsADouble(string value)
    {
        var error = ParseFails(Field(FieldType.Float), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is out of the range of a number"));
    }

    // ---- bool ----

    [TestCase("true", true)]
    [TestCase("TRUE", true)]
    [TestCase("True", true)]
    [TestCase("1", true)]
    [TestCase("yes", true)]
    [TestCase("YES", true)]
    [TestCase("false", false)]
    [TestCase("False", false)]
    [TestCase("0", false)]
    [TestCase("no", false)]
    [TestCase("No", false)]
    public void Parse_Bool_IsAJsonBoolean(string value, bool expected)
    {
        var node = Parse(Field(FieldType.Bool), value);

        Assert.Multiple(() =>
        {
            Assert.That(node!.GetValueKind(), Is.EqualTo(expected ? JsonValueKind.True : JsonValueKind.False));
            Assert.That(node.GetValue<bool>(), Is.EqualTo(expected));
        });
    }

    [TestCase("y")]
    [TestCase("n")]
    [TestCase("on")]
    [TestCase("off")]
    [TestCase("2")]
    [TestCase("-1")]
    [TestCase(" true")]
    [TestCase("truee")]
    public void Parse_Bool_RefusesOtherWords(string value)
    {
        var error = ParseFails(Field(FieldType.Bool), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is not a boolean (true/false/1/0/yes/no)"));
    }

    // ---- date ----

    [TestCase("2024-02-29")]
    [TestCase("1900-01-01")]
    [TestCase("0001-01-01")]
    [TestCase("9999-12-31")]
    public void Parse_Date_IsTheIsoDateString(string value)
    {
        var node = Parse(Field(FieldType.Date), value);

        Assert.That(node!.GetValue<string>(), Is.EqualTo(value));
    }

    [TestCase("2024-2-29")]
    [TestCase("24-02-29")]
    [TestCase("2024/02/29")]
    [TestCase("29.02.2024")]
    [TestCase("2024-02-29T00:00:00")]
    [TestCase(" 2024-02-29")]
    [TestCase("2024-02-29\n")]
    [TestCase("20240229")]
    [TestCase("today")]
    public void Parse_Date_RefusesOtherForms(string value)
    {
        var error = ParseFails(Field(FieldType.Date), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is not a date in the form YYYY-MM-DD"));
    }

    [TestCase("2023-02-29")]
    [TestCase("2024-04-31")]
    [TestCase("2024-13-01")]
    [TestCase("2024-00-10")]
    [TestCase("2024-01-00")]
    [TestCase("0000-01-01")]
    public void Parse_Date_RefusesDatesThatDoNotExist(string value)
    {
        var error = ParseFails(Field(FieldType.Date), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is not a real date"));
    }

    // ---- datetime ----

    [TestCase("2024-05-06T07:08:09Z", "2024-05-06T07:08:09Z")]
    [TestCase("2024-05-06T07:08:09z", "2024-05-06T07:08:09Z")]
    [TestCase("2024-05-06t07:08:09Z", "2024-05-06T07:08:09Z")]
    [TestCase("2024-05-06T07:08:09+00:00", "2024-05-06T07:08:09Z")]
    [TestCase("2024-05-06T07:08:09-00:00", "2024-05-06T07:08:09Z")]
    [TestCase("2024-05-06T07:08:09+03:00", "2024-05-06T04:08:09Z")]
    [TestCase("2024-05-06T01:00:00-05:30", "2024-05-06T06:30:00Z")]
    [TestCase("2024-01-01T01:00:00+02:00", "2023-12-31T23:00:00Z")]
    [TestCase("2024-02-28T23:30:00-01:00", "2024-02-29T00:30:00Z")]
    [TestCase("2024-05-06T07:08:09", "2024-05-06T07:08:09Z")]
    [TestCase("2024-05-06T07:08:09.5Z", "2024-05-06T07:08:09.5Z")]
    [TestCase("2024-05-06T07:08:09.120Z", "2024-05-06T07:08:09.12Z")]
    [TestCase("2024-05-06T07:08:09.000Z", "2024-05-06T07:08:09Z")]
    [TestCase("2024-05-06T07:08:09.1234567Z", "2024-05-06T07:08:09.1234567Z")]
    [TestCase("2024-05-06T07:08:09.123456789Z", "2024-05-06T07:08:09.1234567Z")]
    [TestCase("2024-05-06T07:08:09.25+01:00", "2024-05-06T06:08:09.25Z")]
    [TestCase("2024-05-06T07:08:09.25", "2024-05-06T07:08:09.25Z")]
    [TestCase("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    public void Parse_DateTime_IsTheUtcRfc3339String(string value, string expected)
    {
        var node = Parse(Field(FieldType.DateTime), value);

        Assert.That(node!.GetValue<string>(), Is.EqualTo(expected));
    }

    [TestCase("2024-05-06")]
    [TestCase("2024-05-06 07:08:09Z")]
    [TestCase("2024-05-06T07:08Z")]
    [TestCase("2024-05-06T7:08:09Z")]
    [TestCase("2024-05-06T07:08:09+0300")]
    [TestCase("2024-05-06T07:08:09+03")]
    [TestCase("2024-05-06T07:08:09 Z")]
    [TestCase("2024-05-06T07:08:09.Z")]
    [TestCase("2024-05-06T07:08:09,5Z")]
    [TestCase("2024-05-06T07:08:09UTC")]
    [TestCase("2024-05-06T07:08:09Z\n")]
    [TestCase("06.05.2024 07:08:09")]
    [TestCase("1715000000")]
    public void Parse_DateTime_RefusesOtherForms(string value)
    {
        var error = ParseFails(Field(FieldType.DateTime), value);

        Assert.That(error.Detail, Does.StartWith($"f: '{value}' is not a date and time in RFC 3339 form"));
    }

    [TestCase("2023-02-29T00:00:00Z")]
    [TestCase("2024-13-01T00:00:00Z")]
    [TestCase("2024-05-06T24:00:00Z")]
    [TestCase("2024-05-06T23:60:00Z")]
    [TestCase("2024-05-06T23:59:60Z")]
    [TestCase("2024-05-06T07:08:09+24:00")]
    [TestCase("2024-05-06T07:08:09+03:60")]
    public void Parse_DateTime_RefusesMomentsThatDoNotExist(string value)
    {
        var error = ParseFails(Field(FieldType.DateTime), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is not a real date and time"));
    }

    [TestCase("0001-01-01T00:00:00+01:00")]
    [TestCase("9999-12-31T23:59:59-01:00")]
    public void Parse_DateTime_RefusesMomentsOutsideTheCalendar(string value)
    {
        var error = ParseFails(Field(FieldType.DateTime), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is out of the range of dates"));
    }

    // ---- enum ----

    [TestCase("red")]
    [TestCase("green")]
    public void Parse_Enum_IsOneOfTheOptions(string value)
    {
        var node = Parse(ColorField(), value);

        Assert.That(node!.GetValue<string>(), Is.EqualTo(value));
    }

    [TestCase("Red")]
    [TestCase("blue")]
    [TestCase(" red")]
    [TestCase("1")]
    [TestCase("0")]
    public void Parse_Enum_RefusesAnythingButAnExactOption(string value)
    {
        var error = ParseFails(ColorField(), value);

        Assert.That(error.Detail, Is.EqualTo($"color: '{value}' is not one of: red, green"));
    }

    [TestCase("male", "male")]
    [TestCase("female", "female")]
    [TestCase("1", "male")]
    [TestCase("2", "female")]
    public void Parse_Sex_AcceptsAltcraftsNumbers(string value, string expected)
    {
        var node = Parse(SexField, value);

        Assert.That(node!.GetValue<string>(), Is.EqualTo(expected));
    }

    [Test]
    public void Parse_Sex_ZeroMeansNotSpecified()
    {
        Assert.That(Parse(SexField, "0"), Is.Null);
    }

    [TestCase("3")]
    [TestCase("Male")]
    [TestCase("m")]
    [TestCase("01")]
    public void Parse_Sex_RefusesOtherValues(string value)
    {
        var error = ParseFails(SexField, value);

        Assert.That(error.Detail, Is.EqualTo($"_sex: '{value}' is not one of: male, female"));
    }

    // ---- tags ----

    [TestCase("""["a","b","c","d"]""", "a, b|c;d")]
    [TestCase("""["single"]""", "single")]
    [TestCase("""["a","b"]""", " a ,, b ;")]
    [TestCase("""["a","b"]""", "a,b,a")]
    [TestCase("""["A","a"]""", "A,a")]
    [TestCase("""["two words","x"]""", "two words, x")]
    [TestCase("""["b","a","c"]""", "b", "a", "b,c")]
    [TestCase("""["[a","b]"]""", "[a", "b]")]
    [TestCase("""["x","y"]""", """["x", "y"]""")]
    [TestCase("""["x,y","z|w"]""", """  ["x,y", "z|w"] """)]
    [TestCase("""["x","y"]""", """[" x ", "x", " ", "y"]""")]
    public void Parse_Tags_IsAnArrayOfDistinctTrimmedItems(string expectedJson, params string[] values)
    {
        var node = Parse(Field(FieldType.Tags), values);

        Assert.That(node!.ToJsonString(), Is.EqualTo(expectedJson));
    }

    [TestCase(" , ;| ")]
    [TestCase("[]")]
    [TestCase("""["", " "]""")]
    [TestCase(",", ";")]
    public void Parse_Tags_WithNoItemLeft_IsNull(params string[] values)
    {
        Assert.That(Parse(Field(FieldType.Tags), values), Is.Null);
    }

    [TestCase("[1, 2]")]
    [TestCase("""["a", null]""")]
    [TestCase("""["a", true]""")]
    [TestCase("""[["a"]]""")]
    [TestCase("""[{"a": "b"}]""")]
    [TestCase("""["a" """)]
    [TestCase("""["a"] trailing""")]
    [TestCase("[a, b]")]
    public void Parse_Tags_RefusesAJsonArrayOfAnythingButStrings(string value)
    {
        var error = ParseFails(Field(FieldType.Tags), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is not a JSON array of strings"));
    }

    // ---- json ----

    [TestCase("""{"a":1}""", """{"a":1}""")]
    [TestCase(""" { "a" : [1, {"b": null}] } """, """{"a":[1,{"b":null}]}""")]
    [TestCase("[1,2]", "[1,2]")]
    [TestCase("42", "42")]
    [TestCase("\"text\"", "\"text\"")]
    [TestCase("true", "true")]
    [TestCase("{}", "{}")]
    public void Parse_Json_IsTheParsedDocument(string value, string expectedJson)
    {
        var node = Parse(Field(FieldType.Json), value);

        Assert.That(node!.ToJsonString(), Is.EqualTo(expectedJson));
    }

    [TestCase("{a:1}")]
    [TestCase("""{"a":1,}""")]
    [TestCase("""{"a":1""")]
    [TestCase("""{"a":1,"a":2}""")]
    [TestCase("'x'")]
    [TestCase("undefined")]
    [TestCase("// comment\n1")]
    [TestCase("1 2")]
    [TestCase("NaN")]
    public void Parse_Json_RefusesInvalidJson(string value)
    {
        var error = ParseFails(Field(FieldType.Json), value);

        Assert.That(error.Detail, Is.EqualTo("f: is not valid JSON"));
    }

    [TestCase("[", "]")]
    [TestCase("{\"a\":", "}")]
    public void Parse_Json_NestedSixtyFourLevels_IsTheParsedDocument(string open, string close)
    {
        var value = string.Concat(Enumerable.Repeat(open, 63)) + "[1]" + string.Concat(Enumerable.Repeat(close, 63));

        Assert.That(Parse(Field(FieldType.Json), value)!.ToJsonString(), Is.EqualTo(value));
    }

    [TestCase("[", "]", 65)]
    [TestCase("{\"a\":", "}", 65)]
    [TestCase("[", "]", 30_000)]
    [TestCase("[", "", 100)]
    public void Parse_Json_NestedDeeperThanSixtyFourLevels_IsRefusedAsTooDeep(string open, string close, int levels)
    {
        var value = string.Concat(Enumerable.Repeat(open, levels - 1)) + "[1]" + string.Concat(Enumerable.Repeat(close, levels - 1));

        var error = ParseFails(Field(FieldType.Json), value);

        Assert.That(error.Detail, Is.EqualTo("f: is nested too deeply (at most 64)"));
    }

    [TestCase("null")]
    [TestCase(" null ")]
    public void Parse_Json_RefusesTheLiteralNull(string value)
    {
        var error = ParseFails(Field(FieldType.Json), value);

        Assert.That(error.Detail, Does.Contain("JSON null is not a value"));
    }

    // ---- email ----

    [TestCase("user@example.com", "user@example.com")]
    [TestCase("  John.Doe@Example.COM ", "John.Doe@example.com")]
    [TestCase("user@пример.рф", "user@xn--e1afmkfd.xn--p1ai")]
    public void Parse_Email_IsTheNormalizedAddress(string value, string expected)
    {
        var node = Parse(new FieldDefinition("email", FieldType.Email), value);

        Assert.That(node!.GetValue<string>(), Is.EqualTo(expected));
    }

    [TestCase("nope", "missing '@'")]
    [TestCase("user@localhost", "domain has no dot")]
    [TestCase("a..b@example.com", "the part before '@' has two dots in a row")]
    public void Parse_Email_RefusesInvalidAddressesWithTheReason(string value, string reason)
    {
        var error = ParseFails(new FieldDefinition("email", FieldType.Email), value);

        Assert.That(error.Detail, Is.EqualTo($"email: '{value}' is not a valid email address: {reason}"));
    }

    // ---- phone ----

    [Test]
    public void Parse_Phone_IsTheE164NumberReadInTheGivenRegion()
    {
        var e164 = "+79001234567";
        phoneNumbers.Setup(p => p.TryNormalize("8 (900) 123-45-67", "RU", out e164)).Returns(true);

        var node = parser.Parse(Field(FieldType.Phone), ["8 (900) 123-45-67"], "RU");

        Assert.That(node!.GetValue<string>(), Is.EqualTo("+79001234567"));
        phoneNumbers.Verify(p => p.TryNormalize("8 (900) 123-45-67", "RU", out e164), Times.Once);
    }

    [Test]
    public void Parse_Phone_RefusesANumberTheNormalizerRefuses()
    {
        var none = string.Empty;
        phoneNumbers.Setup(p => p.TryNormalize("12", "US", out none)).Returns(false);

        var error = Assert.Throws<InvalidValueException>(() => parser.Parse(Field(FieldType.Phone), ["12"], "US"));

        Assert.That(error!.Detail, Is.EqualTo("f: '12' is not a valid phone number"));
    }

    [TestCase("+7 916 ABC-45-67")]
    [TestCase("+1 800 FLOWERS")]
    [TestCase("+7 916 123-45-67 ext. 8")]
    [TestCase("+7 916 123/45/67")]
    [TestCase("+7\t916 123 45 67")]
    [TestCase("+7 ٩١٦ 123 45 67")]
    public void Parse_Phone_RefusesCharactersOtherThanDigitsSpacesAndPunctuationBeforeReadingIt(string value)
    {
        // The mock is strict: the normalizer, which reads letters as keypad digits, is never asked.
        var error = Assert.Throws<InvalidValueException>(() => parser.Parse(Field(FieldType.Phone), [value], "RU"));

        Assert.That(error!.Detail, Is.EqualTo($"f: '{value}' is not a valid phone number: only digits, spaces and + - ( ) . may be sent"));
    }

    // ---- _regurl ----

    private static FieldDefinition RegistrationUrlField => SystemFields.All.Single(f => f.Name == SystemFields.RegistrationUrl);

    [TestCase("https://shop.example/landing?utm_source=mail#top")]
    [TestCase("http://127.0.0.1:8080/form")]
    [TestCase("HTTPS://xn--e1afmkfd.xn--p1ai/")]
    public void Parse_RegistrationUrl_KeepsAnAbsoluteHttpUrlAsSent(string value)
    {
        var node = parser.Parse(RegistrationUrlField, [value], Region);

        Assert.That(node!.GetValue<string>(), Is.EqualTo(value));
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("https://shop.example/\r\nSet-Cookie: a=b")]
    [TestCase("https://shop.example/a b")]
    [TestCase("/signup")]
    [TestCase("shop.example/signup")]
    [TestCase("ftp://shop.example/")]
    [TestCase("file:///etc/passwd")]
    [TestCase("http://")]
    public void Parse_RegistrationUrl_RefusesAnythingButAnAbsoluteHttpUrl(string value)
    {
        var error = ParseFails(RegistrationUrlField, value);

        Assert.That(error.Detail, Does.StartWith("_regurl: '").And.EndWith("' is not an absolute http or https URL"));
    }

    // ---- ip ----

    [TestCase("192.168.0.1", "192.168.0.1")]
    [TestCase("0.0.0.0", "0.0.0.0")]
    [TestCase("255.255.255.255", "255.255.255.255")]
    [TestCase("8.8.8.8", "8.8.8.8")]
    [TestCase("::1", "::1")]
    [TestCase("::", "::")]
    [TestCase("2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
    [TestCase("2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329")]
    [TestCase("FE80::1", "fe80::1")]
    [TestCase("::ffff:192.0.2.1", "::ffff:192.0.2.1")]
    public void Parse_Ip_IsTheCanonicalAddress(string value, string expected)
    {
        var node = Parse(Field(FieldType.Ip), value);

        Assert.That(node!.GetValue<string>(), Is.EqualTo(expected));
    }

    [TestCase("1")]
    [TestCase("1.2.3")]
    [TestCase("1.2.3.4.5")]
    [TestCase("256.1.1.1")]
    [TestCase("1.2.3.999")]
    [TestCase("1000.1.1.1")]
    [TestCase("+1.2.3.4")]
    [TestCase("1.2.3.-4")]
    [TestCase("01.2.3.4")]
    [TestCase("1.2.3.00")]
    [TestCase("0x7f.0.0.1")]
    [TestCase("1..3.4")]
    [TestCase("1.2.3.4.")]
    [TestCase(" 1.2.3.4")]
    [TestCase("1.2.3.4 ")]
    [TestCase("1.2.3.4\n")]
    [TestCase("1.2.3.4:80")]
    [TestCase("1.2.3.4/24")]
    [TestCase("١.٢.٣.٤")]
    [TestCase("localhost")]
    [TestCase("fe80::1%eth0")]
    [TestCase("fe80::1%4")]
    [TestCase("[::1]")]
    [TestCase("[::1]:80")]
    [TestCase("::1/128")]
    [TestCase("1::2::3")]
    [TestCase("12345::")]
    [TestCase(":")]
    [TestCase("g::1")]
    public void Parse_Ip_RefusesWhatIsNotAStrictAddress(string value)
    {
        var error = ParseFails(Field(FieldType.Ip), value);

        Assert.That(error.Detail, Is.EqualTo($"f: '{value}' is not an IPv4 or IPv6 address"));
    }

    // ---- comparison keys ----

    [Test]
    public void ComparisonKey_OfAnEmail_IsCaseFolded()
    {
        var field = new FieldDefinition("email", FieldType.Email);

        Assert.That(
            FieldValueParser.ComparisonKey(field, JsonValue.Create("John.Doe@example.com")),
            Is.EqualTo("john.doe@example.com"));
    }

    [TestCase(FieldType.String, "Hello \"World\"")]
    [TestCase(FieldType.String, "Привет")]
    [TestCase(FieldType.Enum, "male")]
    public void ComparisonKey_OfAStringOrEnum_IsTheTextItself(FieldType type, string value)
    {
        Assert.That(FieldValueParser.ComparisonKey(Field(type), JsonValue.Create(value)), Is.EqualTo(value));
    }

    [TestCase(FieldType.Int, "42", "42")]
    [TestCase(FieldType.Float, "1.5", "1.5")]
    [TestCase(FieldType.Bool, "yes", "true")]
    [TestCase(FieldType.Date, "2024-01-02", "\"2024-01-02\"")]
    [TestCase(FieldType.DateTime, "2024-01-02T03:04:05+01:00", "\"2024-01-02T02:04:05Z\"")]
    [TestCase(FieldType.Tags, "a,b", """["a","b"]""")]
    [TestCase(FieldType.Json, """ {"a": [1, 2]} """, """{"a":[1,2]}""")]
    [TestCase(FieldType.Ip, "10.0.0.1", "\"10.0.0.1\"")]
    public void ComparisonKey_OfOtherTypes_IsTheCompactJson(FieldType type, string raw, string expected)
    {
        var field = Field(type);
        var value = Parse(field, raw)!;

        Assert.That(FieldValueParser.ComparisonKey(field, value), Is.EqualTo(expected));
    }

    [TestCase(FieldType.Int, "7", "+7")]
    [TestCase(FieldType.Int, "7", "007")]
    [TestCase(FieldType.Float, "1000", "1e3")]
    [TestCase(FieldType.Float, "0.5", ".5")]
    [TestCase(FieldType.Bool, "true", "YES")]
    [TestCase(FieldType.DateTime, "2024-01-02T02:04:05Z", "2024-01-02T03:04:05+01:00")]
    [TestCase(FieldType.DateTime, "2024-01-02T02:04:05Z", "2024-01-02T02:04:05")]
    [TestCase(FieldType.Ip, "2001:db8::1", "2001:DB8:0:0::1")]
    [TestCase(FieldType.Email, "john@example.com", "JOHN@EXAMPLE.COM")]
    public void ComparisonKey_IsTheSameForTwoFormsOfOneValue(FieldType type, string first, string second)
    {
        var field = Field(type);

        Assert.That(
            FieldValueParser.ComparisonKey(field, Parse(field, first)!),
            Is.EqualTo(FieldValueParser.ComparisonKey(field, Parse(field, second)!)));
    }

    private static FieldDefinition Field(FieldType type) => new("f", type);

    private static FieldDefinition ColorField() => new("color", FieldType.Enum, Options: ["red", "green"]);

    private JsonNode? Parse(FieldDefinition field, params string[] values) => parser.Parse(field, values, Region);

    private InvalidValueException ParseFails(FieldDefinition field, params string[] values) =>
        Assert.Throws<InvalidValueException>(() => parser.Parse(field, values, Region))!;
}
