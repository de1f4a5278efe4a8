using System.Text.Json.Serialization;

namespace QuickImport.Api.Admin;

public sealed record NameRequest([property: JsonRequired] string Name);
