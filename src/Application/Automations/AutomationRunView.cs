namespace QuickImport.Application.Automations;

/// <summary>A trigger launch or a scenario enrollment.</summary>
public sealed record AutomationRunView(string ProfileId, string Status, DateTimeOffset Created);
