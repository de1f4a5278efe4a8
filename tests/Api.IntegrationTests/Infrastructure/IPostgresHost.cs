namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>A running PostgreSQL server the tests may create databases on.</summary>
internal interface IPostgresHost : IAsyncDisposable
{
    /// <summary>Connection string of a role allowed to create databases, pointing at an existing database.</summary>
    string AdminConnectionString { get; }

    /// <summary>True when the server outlives the test run, so the test database must be dropped.</summary>
    bool IsShared { get; }
}
