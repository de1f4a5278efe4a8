namespace QuickImport.Api.Deduplication;

/// <summary>Marks an action whose repeats are answered from the first request's outcome.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class DeduplicatedAttribute : Attribute;
