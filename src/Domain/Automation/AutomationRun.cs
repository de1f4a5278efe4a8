using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Automation;

/// <summary>A launch of a trigger mailing or an enrollment in a scenario, as the sending system sees it.</summary>
public sealed record AutomationRun(ProfileId ProfileId, string Status, DateTimeOffset Created);
