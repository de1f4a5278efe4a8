namespace QuickImport.Application.Profiles.GetProfile;

public sealed record SubscriptionView(int ResourceId, string Channel, string Contact, string Status);
