using QuickImport.Application.Profiles.GetProfile;

namespace QuickImport.Api.Responses;

public sealed record ProfileResponse(int Error, string ErrorText, ProfileView Data);
