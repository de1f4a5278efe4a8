using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QuickImport.Api.Health;

/// <summary>
/// Writes a health report in the common health-check JSON format:
/// <c>{"status":"Healthy","totalDuration":"00:00:00.0123456","entries":{"postgresql":{"status":…,"description":…,"duration":…,"tags":[…]}}}</c>.
/// Exceptions are not written (their messages are in the descriptions).
/// </summary>
public static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);

        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteString("totalDuration", Duration(report.TotalDuration));
            json.WriteStartObject("entries");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                if (entry.Description is not null)
                {
                    json.WriteString("description", entry.Description);
                }

                json.WriteString("duration", Duration(entry.Duration));
                json.WriteStartArray("tags");
                foreach (var tag in entry.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private static string Duration(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);
}
