namespace QuickImport.Domain.Automation;

/// <summary>What a profile can be sent into along with its import.</summary>
public enum AutomationKind
{
    /// <summary>A trigger mailing: the import writes a pending launch.</summary>
    Trigger,

    /// <summary>An automation scenario: the import writes a pending enrollment.</summary>
    Workflow,
}
