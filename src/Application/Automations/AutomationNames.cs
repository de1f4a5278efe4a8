using QuickImport.Domain.Automation;

namespace QuickImport.Application.Automations;

/// <summary>What an automation is called in messages.</summary>
public static class AutomationNames
{
    public static string Of(AutomationKind kind) => kind == AutomationKind.Trigger ? "trigger mailing" : "scenario";
}
