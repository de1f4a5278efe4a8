using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>Messages of <c>database_import</c> as a producer writes them.</summary>
public static class QueueMessages
{
    /// <summary>Find or create the item in the account's database by email; without a feedback id, deduplicated by its body.</summary>
    public static JsonObject Import(TestAccount account, JsonObject item, string? feedbackId)
    {
        var message = new JsonObject
        {
            ["account_id"] = account.Id,
            ["db_id"] = account.DatabaseId,
            ["data"] = item,
            ["matching"] = "email",
            ["update_only"] = false,
        };
        if (feedbackId is not null)
        {
            message["feedback_id"] = feedbackId;
        }

        return message;
    }
}
