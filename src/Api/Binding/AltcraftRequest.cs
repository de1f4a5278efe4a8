using QuickImport.Application.Common.Requests;

namespace QuickImport.Api.Binding;

/// <summary>
/// An Altcraft-style request read once, before rate limiting and deduplication, which need its token
/// too; kept as a feature of the <see cref="HttpContext"/> for the controller. The body itself is not
/// kept: what it says is read, and an import's deduplication key, hashed from it, is a feature of its own
/// (<see cref="Deduplication.DeduplicationKey.For"/>).
/// </summary>
/// <param name="Parameters">The query string's and body's parameters; none for a v1.1 call, whose JSON body is read into its command.</param>
/// <param name="Token">The API token: the <c>token</c> parameter, else <c>Authorization: Bearer</c>.</param>
public sealed record AltcraftRequest(RequestParameters Parameters, string? Token);
