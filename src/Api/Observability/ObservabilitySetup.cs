namespace QuickImport.Api.Observability;

/// <summary>Metrics and structured logs.</summary>
public static class ObservabilitySetup
{
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder) => builder;

    /// <summary>Outermost middleware: sees every request and its final status.</summary>
    public static WebApplication UseObservability(this WebApplication app) => app;

    public static WebApplication MapObservability(this WebApplication app) => app;
}
