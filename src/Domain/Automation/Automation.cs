namespace QuickImport.Domain.Automation;

/// <summary>A trigger mailing or an automation scenario of an account, bound to one database.</summary>
public sealed class Automation
{
    public Automation(AutomationKind kind, int accountId, int databaseId, string name, bool active)
    {
        Kind = kind;
        AccountId = accountId;
        DatabaseId = databaseId;
        Name = name;
        Active = active;
    }

    public int Id { get; private set; }

    public AutomationKind Kind { get; private set; }

    public int AccountId { get; private set; }

    public int DatabaseId { get; private set; }

    public string Name { get; private set; }

    public bool Active { get; private set; }

    public void SetActive(bool active) => Active = active;
}
