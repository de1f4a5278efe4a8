using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Common.Requests;

namespace QuickImport.Api.Binding;

/// <summary>
/// An Altcraft-style request read once, before rate limiting and deduplication, which need its token
/// and body too; kept as a feature of the <see cref="HttpContext"/> for the controller. The body itself
/// is not kept: what it says is read, and what deduplication needs of it is its key.
/// </summary>
/// <param name="Parameters">The query string's and body's parameters; none for a v1.1 call, whose JSON body is read into its command.</param>
/// <param name="Key">The key the request is deduplicated by (<see cref="Deduplication.DeduplicationKey.For"/>), its body hashed while read.</param>
/// <param name="Token">The API token: the <c>token</c> parameter, else <c>Authorization: Bearer</c>.</param>
public sealed record AltcraftRequest(RequestParameters Parameters, RequestKey Key, string? Token);
