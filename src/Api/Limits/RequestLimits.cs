using System.ComponentModel.DataAnnotations;

namespace QuickImport.Api.Limits;

/// <summary>
/// The <c>QuickImport:RequestLimits</c> section: how much one request may send. Over a limit a request
/// is refused before anything runs (docs/operations.md "Request limits", ADR 12). Checked at start-up.
/// </summary>
public sealed class RequestLimits : IValidatableObject
{
    public const string SectionName = "QuickImport:RequestLimits";

    /// <summary>The largest body, in bytes (SPEC §1: 1 MiB); over it, 413 <c>Request body too large</c>.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest body of a v1.1 import call (one profile or thousands), in bytes: 10 MiB; over it, 413.</summary>
    [Range(1, int.MaxValue)]
    public int MaxImportBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Parameters one import or read may send, query and body together, every value of a repeated key
    /// counted; over it, 400. ASP.NET Core's own form limit is the default.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxParameters { get; set; } = 1024;

    /// <summary>The longest parameter name, in UTF-16 code units; over it, 400. At least 64, the longest field name.</summary>
    [Range(64, 1_000_000)]
    public int MaxNameLength { get; set; } = 128;

    /// <summary>The longest parameter value, in UTF-16 code units; over it, 400 naming the parameter.</summary>
    [Range(1, int.MaxValue)]
    public int MaxValueLength { get; set; } = 64 * 1024;

    /// <summary>
    /// The slowest a body may arrive, in bytes per second, once <see cref="BodyDataRateGracePeriod"/> has
    /// passed (Kestrel's <c>MinRequestBodyDataRate</c>); slower, the connection is cut. 0 turns it off.
    /// </summary>
    [Range(0, double.MaxValue)]
    public double MinBodyDataRate { get; set; } = 240;

    /// <summary>How long a body may arrive slower than <see cref="MinBodyDataRate"/>; more than one second.</summary>
    public TimeSpan BodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a client may take to send the request line and headers (Kestrel's <c>RequestHeadersTimeout</c>).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest request line — method, path and query string — in bytes; over it, 414.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>The most header bytes a request may send; over it, 431.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Kestrel checks data rates once a second, so a shorter grace period cannot be honoured.
        if (BodyDataRateGracePeriod <= TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("must be more than one second", [nameof(BodyDataRateGracePeriod)]);
        }

        if (RequestHeadersTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be positive", [nameof(RequestHeadersTimeout)]);
        }
    }
}
