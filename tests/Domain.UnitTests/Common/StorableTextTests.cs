using System.Text.Json.Nodes;
using QuickImport.Domain.Common;

namespace QuickImport.Domain.UnitTests.Common;

public sealed class StorableTextTests
{
    // Built in code: an attribute's string would reach the test with U+FFFD in place of a lone surrogate.
    private static readonly string[] UnpairedSurrogates =
    [
        new string((char)0xD800, 1), "a" + (char)0xDC00, $"{(char)0xDC00}{(char)0xD800}", "😀" + (char)0xD83D,
    ];

    [TestCase("")]
    [TestCase("Ann")]
    [TestCase("'; DROP TABLE profiles;--")]
    [TestCase("😀 emoji, a surrogate pair")]
    [TestCase("\u202Ertl override")]
    [TestCase("\uFFFD replacement character")]
    [TestCase("\u0001\u001F control characters other than NUL")]
    public void Flaw_OfTextPostgreSqlHolds_IsNone(string text) =>
        Assert.That(StorableText.Flaw(text), Is.Null);

    [TestCase("\0")]
    [TestCase("a\0")]
    [TestCase("\0b")]
    public void Flaw_OfANulCharacter_SaysSo(string text) =>
        Assert.That(StorableText.Flaw(text), Is.EqualTo(StorableText.NulCharacter));

    [TestCaseSource(nameof(UnpairedSurrogates))]
    public void Flaw_OfAnUnpairedSurrogate_SaysSo(string text) =>
        Assert.That(StorableText.Flaw(text), Is.EqualTo(StorableText.UnpairedSurrogate));

    [TestCase("{\"a\":[1,\"b\",{\"c\":null}]}")]
    [TestCase("1e308")]
    [TestCase("-1e-300")]
    [TestCase("0.000")]
    [TestCase("0e-99999")]
    [TestCase("123456789012345678901234567890")]
    public void JsonFlaw_OfJsonbCanHold_IsNone(string json) =>
        Assert.That(StorableJson.Flaw(JsonNode.Parse(json)), Is.Null);

    [TestCase("{\"a\":\"\\u0000\"}", StorableText.NulCharacter)]
    [TestCase("{\"\\u0000\":1}", StorableText.NulCharacter)]
    [TestCase("[[\"\\ud800\"]]", StorableText.UnpairedSurrogate)]
    [TestCase("{\"\\udc00\":1}", StorableText.UnpairedSurrogate)]
    [TestCase("1e400", StorableJson.NumberOutOfRange)]
    [TestCase("[-1e-400]", StorableJson.NumberOutOfRange)]
    [TestCase("{\"n\":1e131072}", StorableJson.NumberOutOfRange)]
    public void JsonFlaw_OfWhatJsonbRefuses_SaysWhy(string json, string flaw) =>
        Assert.That(StorableJson.Flaw(JsonNode.Parse(json)), Is.EqualTo(flaw));
}
