using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>Keeps every log entry a host writes with its structured values and the scopes it was written in, for tests of what the service reports.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, this);

    public void Dispose()
    {
    }

    private static IEnumerable<string> Describe(object? value) => value switch
    {
        null => [],
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.Select(p => $"{p.Key}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}"),
        _ => [Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty],
    };

    private sealed class CapturingLogger(string category, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeValues = new List<string>();
            provider.scopes.ForEachScope((scope, values) => values.AddRange(Describe(scope)), scopeValues);
            provider.entries.Enqueue(new CapturedLog(
                category,
                logLevel,
                exception is null ? formatter(state, exception) : $"{formatter(state, exception)}\n{exception}",
                [.. Describe(state)],
                scopeValues));
        }
    }
}

/// <param name="Values">The entry's structured values, as <c>Name=value</c>.</param>
/// <param name="Scopes">The values of every scope it was written in, as <c>Name=value</c> (or the scope's text).</param>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyList<string> Values, IReadOnlyList<string> Scopes)
{
    /// <summary>Everything the entry says, for checks of what it must not say.</summary>
    public IEnumerable<string> Texts => [Message, .. Values, .. Scopes];
}
