namespace QuickImport.Application.Automations;

/// <summary>A trigger mailing or a scenario.</summary>
public sealed record AutomationView(int Id, string Name, int DatabaseId, bool Active);
