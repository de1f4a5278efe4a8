namespace QuickImport.Application.Common.Security;

/// <summary>A message that runs only for a valid API token; the authentication behavior checks it first.</summary>
public interface IRequiresApiToken
{
    string? Token { get; }
}
