namespace QuickImport.Api.Binding;

/// <summary>Marks an action whose parameters come Altcraft's way (query + form/multipart/JSON body).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReadsAltcraftParametersAttribute : Attribute;
