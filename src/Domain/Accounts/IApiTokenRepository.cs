namespace QuickImport.Domain.Accounts;

public interface IApiTokenRepository
{
    void Add(ApiToken token);

    Task<ApiToken?> FindAsync(int id, CancellationToken cancellationToken);
}
