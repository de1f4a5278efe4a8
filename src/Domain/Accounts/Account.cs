namespace QuickImport.Domain.Accounts;

/// <summary>A customer account: owns tokens, databases and automations, and may have a profile limit.</summary>
public sealed class Account
{
    public Account(string name, int? profileLimit)
    {
        Name = name;
        ProfileLimit = profileLimit;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The most profiles the account may hold across its databases; null for no limit.</summary>
    public int? ProfileLimit { get; private set; }

    public void ChangeProfileLimit(int? limit) => ProfileLimit = limit;
}
