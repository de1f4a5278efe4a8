namespace QuickImport.Application.Accounts;

public sealed record AccountView(int Id, string Name, int? ProfileLimit, long ProfileCount);
