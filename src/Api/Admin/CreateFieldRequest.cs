using System.Text.Json.Serialization;

namespace QuickImport.Api.Admin;

public sealed record CreateFieldRequest(
    [property: JsonRequired] string Name,
    [property: JsonRequired] string Type,
    bool Unique,
    bool Required,
    IReadOnlyList<string>? Options);
