namespace QuickImport.Application.Common.Security;

/// <summary>The account whose token authenticated the current request (scoped to the request).</summary>
public sealed class CurrentAccount
{
    private int? id;

    public bool IsAuthenticated => id.HasValue;

    public int Id => id ?? throw new InvalidOperationException("No API token was authenticated for this request.");

    internal void Authenticate(int accountId) => id = accountId;
}
