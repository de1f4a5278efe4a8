using QuickImport.Domain.Fields;

namespace QuickImport.Domain.UnitTests.Fields;

public sealed class FieldNameTests
{
    [TestCase("a")]
    [TestCase("Z")]
    [TestCase("age")]
    [TestCase("loyalty_level_2")]
    [TestCase("CamelCase")]
    [TestCase("a_")]
    public void IsValidCustom_ALetterThenLettersDigitsOrUnderscores(string name)
    {
        Assert.That(FieldName.IsValidCustom(name), Is.True);
    }

    [Test]
    public void IsValidCustom_AcceptsTheMaximumLength()
    {
        Assert.That(FieldName.IsValidCustom("a" + new string('b', FieldName.MaxLength - 1)), Is.True);
    }

    [Test]
    public void IsValidCustom_RefusesOneCharacterMore()
    {
        Assert.That(FieldName.IsValidCustom(new string('a', FieldName.MaxLength + 1)), Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("_fname")]
    [TestCase("1st")]
    [TestCase("a-b")]
    [TestCase("a b")]
    [TestCase("a.b")]
    [TestCase(" a")]
    [TestCase("имя")]
    [TestCase("straße")]
    public void IsValidCustom_RefusesOtherNames(string? name)
    {
        Assert.That(FieldName.IsValidCustom(name), Is.False);
    }
}
