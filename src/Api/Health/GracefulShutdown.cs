using System.Globalization;

namespace QuickImport.Api.Health;

/// <summary>
/// How the service stops (docs/operations.md "Shutdown"). On SIGTERM or Ctrl-C the host fires
/// ApplicationStopping (readiness turns 503), keeps serving for <c>QuickImport:ShutdownDelay</c> (default 0) so a
/// load balancer can notice, then stops the server: Kestrel accepts no new connections and waits for
/// the requests in flight, all within <c>QuickImport:ShutdownTimeout</c> (default 30 s).
/// </summary>
public static class GracefulShutdown
{
    public const string TimeoutKey = "QuickImport:ShutdownTimeout";
    public const string DelayKey = "QuickImport:ShutdownDelay";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>().Configure<IConfiguration>((options, configuration) =>
            options.ShutdownTimeout = Read(configuration, TimeoutKey) ?? DefaultTimeout);
        services.AddSingleton<ShutdownState>();
        services.AddHostedService<ShutdownDelay>();
        return services;
    }

    /// <summary>A time span setting: <c>00:00:30</c>, or a number of seconds (<c>30</c>).</summary>
    internal static TimeSpan? Read(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new InvalidOperationException($"{key} = '{text}' is neither a time span (00:00:30) nor a number of seconds.");
    }

    /// <summary>
    /// Keeps serving for <c>QuickImport:ShutdownDelay</c> once the host begins to stop, readiness already 503:
    /// every hosted service's StoppingAsync runs before any StopAsync, so the server stops after the delay.
    /// </summary>
    private sealed class ShutdownDelay(ShutdownState state, IConfiguration configuration) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            state.MarkStopping();
            var delay = Read(configuration, DelayKey) ?? TimeSpan.Zero;
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // The shutdown timeout ran out: stop now.
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
