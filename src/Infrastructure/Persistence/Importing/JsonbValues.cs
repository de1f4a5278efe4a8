using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuickImport.Infrastructure.Persistence.Importing;

/// <summary>
/// JSON values as a <c>jsonb</c> parameter takes them: UTF-8, each in an array of its exact length,
/// written through one buffer reused from value to value (no string per value, no transcoding).
/// </summary>
internal sealed class JsonbValues : IDisposable
{
    // It grows to the largest value written and stays so; a quick import's profile needs a few hundred bytes.
    private readonly ArrayBufferWriter<byte> buffer = new(256);
    private readonly Utf8JsonWriter writer;

    public JsonbValues() => writer = new Utf8JsonWriter(buffer);

    /// <summary>The object's JSON, as <see cref="JsonNode.ToJsonString"/> would write it, in UTF-8.</summary>
    public byte[] Of(JsonObject value)
    {
        value.WriteTo(writer);
        return Take();
    }

    /// <summary>The strings as a JSON array, in UTF-8.</summary>
    public byte[] Of(IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
        return Take();
    }

    public void Dispose() => writer.Dispose();

    private byte[] Take()
    {
        writer.Flush();
        var value = buffer.WrittenSpan.ToArray();
        buffer.ResetWrittenCount();
        writer.Reset();
        return value;
    }
}
