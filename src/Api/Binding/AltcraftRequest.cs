using QuickImport.Application.Common.Requests;

namespace QuickImport.Api.Binding;

/// <summary>
/// An Altcraft-style request read once, before rate limiting and deduplication, which need its token
/// and body too; kept as a feature of the <see cref="HttpContext"/> for the controller.
/// </summary>
/// <param name="Body">The raw body, as sent.</param>
/// <param name="Token">The API token: the <c>token</c> parameter, else <c>Authorization: Bearer</c>.</param>
public sealed record AltcraftRequest(RequestParameters Parameters, byte[] Body, string? Token);
