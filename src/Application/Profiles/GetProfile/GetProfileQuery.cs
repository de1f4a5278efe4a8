using Mediator;
using QuickImport.Application.Common.Requests;
using QuickImport.Application.Common.Security;

namespace QuickImport.Application.Profiles.GetProfile;

/// <summary>Reads one profile by id, email, phone or a field's value (docs/api.md §5).</summary>
/// <param name="Token">The API token, from the parameters or an <c>Authorization: Bearer</c> header.</param>
/// <param name="Lookup">How the profile is found; null when the request names no one way (a fault).</param>
/// <param name="Faults">What the edge found wrong with the request's shape: refused after the token is checked, in this order.</param>
public sealed record GetProfileQuery(string? Token, int DatabaseId, ProfileLookup? Lookup, IReadOnlyList<RequestFault> Faults)
    : IQuery<ProfileView>, IRequiresApiToken;
