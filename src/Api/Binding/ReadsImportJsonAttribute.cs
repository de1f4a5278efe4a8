using QuickImport.Domain.Importing;

namespace QuickImport.Api.Binding;

/// <summary>Marks a v1.1 import action: its JSON body is read into its command once, before rate limiting and deduplication.</summary>
/// <param name="single">The call imports one profile (<c>data</c> is an object).</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsImportJsonAttribute(ImportKind kind, bool single = false) : Attribute
{
    public ImportKind Kind { get; } = kind;

    public bool Single { get; } = single;
}
