using System.Text.Json.Serialization;

namespace QuickImport.Api.Admin;

public sealed record ActiveRequest([property: JsonRequired] bool Active);
