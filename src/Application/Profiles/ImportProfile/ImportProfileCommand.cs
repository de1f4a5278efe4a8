using Mediator;
using QuickImport.Application.Common.Requests;
using QuickImport.Application.Common.Security;

namespace QuickImport.Application.Profiles.ImportProfile;

/// <summary>Find or create a profile from one contact, subscribe it and enroll it, in one transaction.</summary>
/// <param name="Token">The API token, from the parameters or an <c>Authorization: Bearer</c> header.</param>
/// <param name="Parameters">Query string and body, merged (the body's value wins).</param>
/// <param name="Referer">The <c>Referer</c> header: the registration URL when <c>_regurl</c> is not sent.</param>
public sealed record ImportProfileCommand(string? Token, RequestParameters Parameters, string? Referer)
    : ICommand<ImportProfileResult>, IRequiresApiToken;
