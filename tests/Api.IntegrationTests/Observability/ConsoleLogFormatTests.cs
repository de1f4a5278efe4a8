using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Api.Observability;

namespace QuickImport.Api.IntegrationTests.Observability;

/// <summary>Console logs: plain text on a terminal, JSON elsewhere, unless QuickImport:Logging:Json says which.</summary>
public sealed class ConsoleLogFormatTests
{
    [TestCase(null, true, false, TestName = "Unset, on a terminal: plain text")]
    [TestCase(null, false, true, TestName = "Unset, output redirected: JSON")]
    [TestCase("true", true, true, TestName = "Json=true, on a terminal: JSON")]
    [TestCase("false", false, false, TestName = "Json=false, output redirected: plain text")]
    public void The_setting_wins_and_the_terminal_decides_without_it(string? setting, bool outputIsTerminal, bool json)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(setting is null ? [] : [new(ObservabilitySetup.JsonLogsSetting, setting)])
            .Build();

        Assert.That(ObservabilitySetup.JsonLogs(configuration, outputIsTerminal), Is.EqualTo(json));
    }

    // The test run's standard output is redirected, as a service's is under systemd or in a container.
    [TestCase(null, ConsoleFormatterNames.Json)]
    [TestCase("false", ConsoleFormatterNames.Simple)]
    public async Task The_service_writes_its_console_logs_in_the_chosen_format(string? setting, string formatter)
    {
        Assume.That(Console.IsOutputRedirected, "the test run's standard output is not a terminal");
        await using var host = ApiInstance.With(setting is null ? [] : [(ObservabilitySetup.JsonLogsSetting, setting)]);

        var options = host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.That(options.FormatterName ?? ConsoleFormatterNames.Simple, Is.EqualTo(formatter));
    }
}
