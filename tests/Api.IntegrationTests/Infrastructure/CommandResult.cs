namespace QuickImport.Api.IntegrationTests.Infrastructure;

internal sealed record CommandResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}
