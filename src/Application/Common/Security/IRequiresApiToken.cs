namespace QuickImport.Application.Common.Security;

/// <summary>A message that runs only for a valid API token; the authentication behavior checks it first.</summary>
public interface IRequiresApiToken
{
    string? Token { get; }

    /// <summary>
    /// The account a trusted caller acts for instead of a token (the queue consumer, whose broker is
    /// the trust boundary); never set from an HTTP request.
    /// </summary>
    int? TrustedAccountId => null;
}
