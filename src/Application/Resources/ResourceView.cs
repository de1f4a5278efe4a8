namespace QuickImport.Application.Resources;

public sealed record ResourceView(int Id, int DatabaseId, string Name, IReadOnlyList<string> Channels, bool DoubleOptIn);
