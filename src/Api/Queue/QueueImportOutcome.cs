using QuickImport.Domain.Profiles;

namespace QuickImport.Api.Queue;

/// <summary>What the import of one message came to: its profile, or why the item was refused.</summary>
public sealed record QueueImportOutcome(ProfileId? ProfileId, Exception? Error);
