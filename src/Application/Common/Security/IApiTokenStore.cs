namespace QuickImport.Application.Common.Security;

/// <summary>Finds the account an API token belongs to; tokens are kept hashed.</summary>
public interface IApiTokenStore
{
    /// <returns>The account id, or null when the token is unknown or revoked.</returns>
    ValueTask<int?> FindAccountAsync(string token, CancellationToken cancellationToken);
}
