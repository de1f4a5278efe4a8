using Mediator;
using QuickImport.Application.Common.Requests;
using QuickImport.Application.Common.Security;

namespace QuickImport.Application.Profiles.GetProfile;

/// <summary>Reads one profile by id, email, phone or a field's value (docs/api.md §5).</summary>
public sealed record GetProfileQuery(string? Token, RequestParameters Parameters) : IQuery<ProfileView>, IRequiresApiToken;
