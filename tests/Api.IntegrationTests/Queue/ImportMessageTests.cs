using System.Text;
using System.Text.Json.Nodes;
using QuickImport.Api.Queue;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>What a queue message's result names as its <c>matching_field</c> (docs/queue.md), read from the message's typed import.</summary>
public sealed class ImportMessageTests
{
    [TestCase(null, null, "email")]
    [TestCase("phone", null, "phone")]
    [TestCase("email_sub", "crm_id", "email_sub")]
    [TestCase("field_name", "crm_id", "crm_id")]
    [TestCase("custom", "crm_id", "crm_id")]
    [TestCase("custom", null, "custom")]
    [TestCase("by_email", null, "by_email")]
    public void The_matching_field_is_the_mode_as_sent_or_the_field_matched_on(string? matching, string? fieldName, string expected)
    {
        var body = new JsonObject { ["account_id"] = 1, ["db_id"] = 1, ["data"] = new JsonObject { ["email"] = "ann@example.com" } };
        if (matching is not null)
        {
            body["matching"] = matching;
        }

        if (fieldName is not null)
        {
            body["field_name"] = fieldName;
        }

        var message = ImportMessage.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));

        Assert.That(message.MatchingField, Is.EqualTo(expected));
    }
}
