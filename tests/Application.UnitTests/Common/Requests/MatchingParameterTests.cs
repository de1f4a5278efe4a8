using QuickImport.Application.Common.Requests;
using QuickImport.Domain.Matching;

namespace QuickImport.Application.UnitTests.Common.Requests;

/// <summary>The <c>matching</c> parameter as every entry point reads it.</summary>
public sealed class MatchingParameterTests
{
    [Test]
    public void Absent_IsEmailMatching()
    {
        var matching = new MatchingParameter(null);

        Assert.Multiple(() =>
        {
            Assert.That(matching.Mode, Is.EqualTo(MatchingMode.Email));
            Assert.That(matching.Name, Is.EqualTo("email"));
            Assert.That(matching.Fault, Is.Null);
        });
    }

    [Test]
    public void Every_mode_name_reads_as_its_mode_and_keeps_its_name()
    {
        Assert.Multiple(() =>
        {
            foreach (var name in MatchingModes.Names)
            {
                var matching = new MatchingParameter(name);
                Assert.That(matching.Mode, Is.EqualTo(MatchingModes.TryParse(name, out var mode) ? mode : (MatchingMode?)null), name);
                Assert.That(matching.Name, Is.EqualTo(name));
                Assert.That(matching.Fault, Is.Null, name);
            }
        });
    }

    [Test]
    public void Custom_is_field_matching_by_its_own_name()
    {
        var matching = new MatchingParameter("custom");

        Assert.That((matching.Mode, matching.Name), Is.EqualTo(((MatchingMode?)MatchingMode.Field, "custom")));
    }

    [TestCase("bogus")]
    [TestCase("")]
    [TestCase("Email")]
    public void A_name_that_is_no_mode_is_a_fault_of_the_matching_parameter_listing_the_modes(string sent)
    {
        var matching = new MatchingParameter(sent);

        Assert.Multiple(() =>
        {
            Assert.That(matching.Mode, Is.Null);
            Assert.That(matching.Fault, Is.EqualTo(new RequestFault(
                "matching",
                $"'matching' must be one of email, email_profile, email_sub, phone, phone_sub, email_phone, field_name, custom, profile_id, not '{sent}'")));
        });
    }
}
