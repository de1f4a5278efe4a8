using Microsoft.Net.Http.Headers;

namespace QuickImport.Api.Binding;

/// <summary>The token of an <c>Authorization: Bearer &lt;token&gt;</c> header.</summary>
public static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static string? From(HttpRequest request) =>
        request.Headers[HeaderNames.Authorization].FirstOrDefault() is { } header
        && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : null;
}
