using QuickImport.Domain.Profiles;

namespace QuickImport.Application.Profiles.ImportProfile;

public sealed record ImportProfileResult(ProfileId ProfileId, bool Created);
