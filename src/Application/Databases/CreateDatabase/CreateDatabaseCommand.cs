using Mediator;

namespace QuickImport.Application.Databases.CreateDatabase;

public sealed record CreateDatabaseCommand(int AccountId, string Name) : ICommand<DatabaseView>;
