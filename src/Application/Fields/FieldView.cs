namespace QuickImport.Application.Fields;

public sealed record FieldView(string Name, string Type, bool Unique, bool Required, bool System, IReadOnlyList<string> Options);
