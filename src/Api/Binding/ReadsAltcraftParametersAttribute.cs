namespace QuickImport.Api.Binding;

/// <summary>Marks an action whose parameters come Altcraft's way (query + form/multipart/JSON body).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReadsAltcraftParametersAttribute : Attribute
{
    /// <summary>The action is the quick import: its parameters are read into its command once, as a v1.1 call's body is.</summary>
    public bool QuickImport { get; init; }
}
