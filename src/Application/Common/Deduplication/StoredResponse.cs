namespace QuickImport.Application.Common.Deduplication;

/// <summary>A response kept to be replayed to a repeat of its request.</summary>
public sealed record StoredResponse(int Status, string ContentType, string Body);
