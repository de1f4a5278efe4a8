namespace QuickImport.Domain.Accounts;

/// <summary>An API token of an account. Only the secret's hash is kept.</summary>
public sealed class ApiToken
{
    public ApiToken(int accountId, string name, byte[] secretHash, DateTimeOffset createdAt)
    {
        AccountId = accountId;
        Name = name;
        SecretHash = secretHash;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }

    public int AccountId { get; private set; }

    public string Name { get; private set; }

    public byte[] SecretHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
