using System.Text.Json.Serialization;

namespace QuickImport.Api.Admin;

public sealed record CreateResourceRequest(
    [property: JsonRequired] string Name,
    [property: JsonRequired] IReadOnlyList<string> Channels,
    bool DoubleOptIn);
