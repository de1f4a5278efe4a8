using Mediator;
using QuickImport.Application.Common.Requests;
using QuickImport.Application.Common.Security;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>Import one profile or thousands, in one transaction: each item found or created, subscribed and enrolled.</summary>
/// <param name="Token">The API token, from the parameters or an <c>Authorization: Bearer</c> header.</param>
/// <param name="Faults">What the edge found wrong with the request's shape: refused after the token is checked, in this order.</param>
public sealed record ImportProfilesCommand(string? Token, ImportRequest Request, IReadOnlyList<RequestFault> Faults)
    : ICommand<ImportResult>, IRequiresApiToken
{
    /// <inheritdoc/>
    public int? TrustedAccountId { get; init; }

    /// <summary>
    /// The <c>matching</c> parameter as sent, which <see cref="ImportRequest.Matching"/> is read from:
    /// what names the request's mode outside the import (its telemetry, a queue result's <c>matching_field</c>).
    /// </summary>
    public MatchingParameter Matching { get; init; }
}
