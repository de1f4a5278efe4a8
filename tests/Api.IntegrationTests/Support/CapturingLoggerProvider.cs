using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>Keeps every log entry a host writes, for tests of what the service reports.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(category, logLevel, exception is null ? formatter(state, exception) : $"{formatter(state, exception)}\n{exception}"));
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message);
