using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace QuickImport.Api.Limits;

/// <summary>Binds <see cref="RequestLimits"/>, checks it at start-up, and gives Kestrel its share of it.</summary>
public static class RequestLimitsSetup
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestLimits>()
            .Bind(configuration.GetSection(RequestLimits.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ImportBudget>();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimits>>((kestrel, limits) => Apply(kestrel.Limits, limits.Value));
        return services;
    }

    // Kestrel holds the body limit for every endpoint (the admin API's too); the Altcraft endpoints'
    // reader checks the same value itself, so it holds behind any server.
    private static void Apply(KestrelServerLimits kestrel, RequestLimits limits)
    {
        kestrel.MaxRequestBodySize = limits.MaxBodyBytes;
        kestrel.MinRequestBodyDataRate = limits.MinBodyDataRate > 0
            ? new MinDataRate(limits.MinBodyDataRate, limits.BodyDataRateGracePeriod)
            : null;
        kestrel.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        kestrel.MaxRequestLineSize = limits.MaxRequestLineBytes;
        kestrel.MaxRequestHeadersTotalSize = limits.MaxHeaderBytes;
    }
}
