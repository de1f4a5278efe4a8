using Microsoft.Extensions.Options;
using QuickImport.Api.Binding;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Api.Deduplication;

/// <summary>
/// Answers a repeat of a <see cref="DeduplicatedAttribute"/> request within the window from the
/// first one's stored outcome, with <c>Duplicate-Request: true</c> and <c>Duplicate-Key</c>, without
/// running it. A repeat that arrives while the first still runs waits for its outcome (bounded). A
/// 5xx, a 429, or a request its client abandoned is not stored, so a retry runs again.
/// </summary>
public sealed partial class DeduplicationMiddleware(
    RequestDelegate next,
    IRequestDeduplicationStore store,
    IOptions<DeduplicationSettings> options,
    TimeProvider clock,
    ILogger<DeduplicationMiddleware> logger)
{
    public const string DuplicateRequestHeader = "Duplicate-Request";
    public const string DuplicateKeyHeader = "Duplicate-Key";

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled
            || context.GetEndpoint()?.Metadata.GetMetadata<DeduplicatedAttribute>() is null
            || context.Features.Get<AltcraftRequest>() is not { } request)
        {
            await next(context);
            return;
        }

        var key = DeduplicationKey.For(context.Request, request);
        var claim = await ClaimAsync(key, settings, context.RequestAborted);
        switch (claim)
        {
            case DeduplicationClaim.Completed completed:
                await ReplayAsync(context, key, completed.Response);
                return;
            case DeduplicationClaim.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await AltcraftResponseWriter.WriteErrorAsync(context, new ApiError(
                    StatusCodes.Status503ServiceUnavailable,
                    ResponseTexts.DuplicateInProgress,
                    $"an identical request (key {key}) is still running; retry to get its outcome"));
                return;
        }

        await RunAndStoreAsync(context, key, (DeduplicationClaim.Claimed)claim, settings);
    }

    private async Task<DeduplicationClaim> ClaimAsync(string key, DeduplicationSettings settings, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + settings.WaitTimeout;
        var pause = FirstPause;
        while (true)
        {
            var claim = await store.ClaimAsync(key, settings.Lease, cancellationToken);
            if (claim is not DeduplicationClaim.InProgress || clock.GetUtcNow() >= deadline)
            {
                return claim;
            }

            await Task.Delay(pause, clock, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    private async Task RunAndStoreAsync(HttpContext context, string key, DeduplicationClaim.Claimed claim, DeduplicationSettings settings)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var stored = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;

            // A request its client gave up on has no outcome to replay: the retry must run.
            if (!context.RequestAborted.IsCancellationRequested
                && status < StatusCodes.Status500InternalServerError
                && status != StatusCodes.Status429TooManyRequests)
            {
                var body = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                var response = new StoredResponse(status, context.Response.ContentType ?? "text/plain; charset=utf-8", body);
                stored = await TryAsync(() => store.CompleteAsync(key, claim, response, clock.GetUtcNow() + settings.Window, CancellationToken.None));
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!stored)
            {
                await TryAsync(() => store.ReleaseAsync(key, claim, CancellationToken.None));
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static Task ReplayAsync(HttpContext context, string key, StoredResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        context.Response.Headers[DuplicateRequestHeader] = "true";
        context.Response.Headers[DuplicateKeyHeader] = key;
        return context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>
    /// The request already ran: a failure to record its outcome must not turn its answer into an
    /// error. The key then expires with its lease and a repeat runs again.
    /// </summary>
    private async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStoreFailed(logger, exception);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a deduplication key's outcome failed")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
