using System.Text.Json.Serialization;

namespace QuickImport.Api.Admin;

public sealed record CreateAccountRequest([property: JsonRequired] string Name, int? ProfileLimit);
