namespace QuickImport.Application.Databases;

public sealed record DatabaseView(int Id, string Name);
