using System.Text.Json.Serialization;

namespace QuickImport.Api.Admin;

/// <summary>A PATCH of the limit: the member must be there; null removes the limit.</summary>
public sealed record ProfileLimitRequest([property: JsonRequired] int? ProfileLimit);
