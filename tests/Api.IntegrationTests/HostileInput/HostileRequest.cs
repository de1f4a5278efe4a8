namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>The API a hostile request is sent to; each answers errors in its own form.</summary>
public enum HostileEndpoint
{
    /// <summary>The import: plain text starting with docs/api.md §1's text.</summary>
    Import,

    /// <summary>The read API: Altcraft's JSON envelope with the code and the text.</summary>
    Read,

    /// <summary>The admin API: RFC 7807 problem details.</summary>
    Admin,
}

/// <summary>
/// One malformed or malicious request of the corpus, named for what it sends, with the answer it must
/// get: <paramref name="Status"/> (always a 4xx) and, for the import and read APIs, docs/api.md §1's text for
/// it, followed by a detail containing <paramref name="Detail"/> when given.
/// </summary>
public sealed record HostileRequest(
    string Name,
    HostileEndpoint Endpoint,
    Func<HostileTarget, HttpRequestMessage> Build,
    int Status,
    string? Detail = null)
{
    public override string ToString() => Name;
}
