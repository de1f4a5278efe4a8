using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using QuickImport.Api.Binding;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;

namespace QuickImport.Api.RateLimiting;

/// <summary>
/// A fixed-window limit per API token on the import endpoint (ASP.NET Core's rate limiter). Over it:
/// 429 with <c>Retry-After</c> and the IETF draft's <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>
/// and <c>RateLimit-Reset</c>, and nothing runs.
/// </summary>
public static class TokenRateLimiting
{
    public const string Policy = "per-token";

    public static IServiceCollection AddTokenRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TokenRateLimitOptions>(configuration.GetSection(TokenRateLimitOptions.SectionName));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<TokenRateLimitOptions>>().Value;
                var token = context.Features.Get<AltcraftRequest>()?.Token ?? string.Empty;
                return options.PermitLimit <= 0
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetFixedWindowLimiter(token, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.Window,
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var options = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<TokenRateLimitOptions>>().Value;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var headers = rejected.HttpContext.Response.Headers;
        headers.RetryAfter = seconds;
        headers["RateLimit-Limit"] = options.PermitLimit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = "0";
        headers["RateLimit-Reset"] = seconds;
        await AltcraftResponseWriter.WriteErrorAsync(
            rejected.HttpContext,
            new ApiError(StatusCodes.Status429TooManyRequests, ResponseTexts.TooManyRequests, $"at most {options.PermitLimit} imports per {options.Window.TotalSeconds:0.###} s for a token"));
    }
}
