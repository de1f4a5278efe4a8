using System.Text.Json.Nodes;

namespace QuickImport.Application.Profiles.GetProfile;

/// <param name="Fields">Every stored field in its typed JSON form, system ones included.</param>
public sealed record ProfileView(
    string ProfileId,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    JsonObject Fields,
    IReadOnlyList<SubscriptionView> Subscriptions);
