namespace QuickImport.Api.RateLimiting;

/// <summary>The <c>QuickImport:RateLimit</c> section: imports allowed per token per window (off by default).</summary>
public sealed class TokenRateLimitOptions
{
    public const string SectionName = "QuickImport:RateLimit";

    /// <summary>Imports a token may send per window; 0 turns the limit off.</summary>
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
