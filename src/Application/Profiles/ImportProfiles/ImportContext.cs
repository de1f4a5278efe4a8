using QuickImport.Domain.Databases;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>The metadata an import's items are read against.</summary>
/// <param name="Resource">The request's <c>resource_id</c>: every item is subscribed to it with its contacts.</param>
/// <param name="ItemResources">The resources items name in their own subscriptions, those of the database that exist.</param>
public sealed record ImportContext(
    ProfileDatabase Database,
    ImportRequest Request,
    Resource? Resource,
    IReadOnlyDictionary<int, Resource> ItemResources);
