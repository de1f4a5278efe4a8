namespace QuickImport.Api.Deduplication;

/// <summary>Marks an action whose repeats are answered from the first request's outcome.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DeduplicatedAttribute : Attribute;
