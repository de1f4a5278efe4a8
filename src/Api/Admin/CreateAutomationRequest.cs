using System.Text.Json.Serialization;

namespace QuickImport.Api.Admin;

/// <summary>A new trigger mailing or scenario; it is active unless told otherwise.</summary>
public sealed record CreateAutomationRequest(
    [property: JsonRequired] string Name,
    [property: JsonRequired] int DatabaseId,
    bool Active = true);
