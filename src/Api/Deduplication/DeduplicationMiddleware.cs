using Microsoft.Extensions.Options;
using QuickImport.Api.Binding;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Common.Security;

namespace QuickImport.Api.Deduplication;

/// <summary>
/// Answers a repeat of a <see cref="DeduplicatedAttribute"/> request within the window from the
/// first one's stored outcome, with <c>Duplicate-Request: true</c> and <c>Duplicate-Key</c>; whatever
/// the repeat did is rolled back. A repeat that arrives while the first still runs waits for its
/// outcome (bounded). A 5xx, a 429, or a request its client abandoned is not stored, so a retry runs
/// again — unless its answer was stored by its COMMIT, before it was sent (ADR 34). Only a request
/// whose token is valid is deduplicated at all.
/// </summary>
/// <remarks>
/// The key is claimed inside the request's own transaction (<see cref="RequestClaim"/>, ADR 33): the
/// request runs at once, and an identical request's key stops its transaction before anything commits.
/// An import that commits stores its answer with the claim (ADR 34); one whose answer the claim could
/// not carry has it stored here, behind the answer. A request that commits nothing (refused before or
/// inside its transaction) claims the key here, after it ran, to store its answer — or to replay an
/// identical request's.
/// </remarks>
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

    public async Task InvokeAsync(HttpContext context, IApiTokenStore tokens)
    {
        var settings = options.Value;
        if (!settings.Enabled
            || context.GetEndpoint()?.Metadata.GetMetadata<DeduplicatedAttribute>() is null
            || context.Features.Get<AltcraftRequest>() is not { } request
            || !await IsAuthenticatedAsync(request, tokens, context.RequestAborted))
        {
            await next(context);
            return;
        }

        var key = DeduplicationKey.For(context.Request, request);
        var now = clock.GetUtcNow();
        var deadline = now + settings.WaitTimeout;
        var claim = context.RequestServices.GetRequiredService<RequestClaim>();
        claim.Request(key, now, settings.Lease, settings.Window);

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch when (claim.State is RequestClaimState.Held)
        {
            await TryAsync(() => store.ReleaseAsync(key, claim.AsStored, CancellationToken.None));
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        switch (claim.State)
        {
            case RequestClaimState.Taken:
                // A repeat: what it ran was rolled back, and its answer is the identical request's.
                await AnswerRepeatAsync(context, key, await AwaitOutcomeAsync(key, deadline, settings, context.RequestAborted));
                return;
            case RequestClaimState.Answered:
                // Its answer was stored with its claim, by its own COMMIT (ADR 34).
                await SendAsync(context, buffer);
                return;
            default:
                await StoreAndSendAsync(context, key, claim, buffer, deadline, settings);
                return;
        }
    }

    /// <summary>
    /// Whether the request's token is one the pipeline will accept. A request without one is neither
    /// claimed, stored nor replayed: it runs and is refused (403) as it would be without deduplication,
    /// so an unauthenticated client writes nothing, and a revoked token never gets an earlier answer.
    /// </summary>
    private static async ValueTask<bool> IsAuthenticatedAsync(AltcraftRequest request, IApiTokenStore tokens, CancellationToken cancellationToken) =>
        request.Token is { Length: > 0 } token && await tokens.FindAccountAsync(token, cancellationToken) is not null;

    /// <summary>Stores the request's own answer with its key, then sends it; or replays an identical request's.</summary>
    private async Task StoreAndSendAsync(
        HttpContext context, string key, RequestClaim claim, MemoryStream buffer, DateTimeOffset deadline, DeduplicationSettings settings)
    {
        var status = context.Response.StatusCode;
        DeduplicationClaim.Claimed? held = claim.State is RequestClaimState.Held ? claim.AsStored : null;
        var stored = false;

        // A request its client gave up on has no outcome to replay: the retry must run.
        if (!context.RequestAborted.IsCancellationRequested
            && status < StatusCodes.Status500InternalServerError
            && status != StatusCodes.Status429TooManyRequests)
        {
            if (held is null)
            {
                // Nothing committed the claim: the key is claimed now, unless an identical request has it.
                var outcome = await AwaitOutcomeAsync(key, deadline, settings, context.RequestAborted);
                if (outcome is not DeduplicationClaim.Claimed claimed)
                {
                    await AnswerRepeatAsync(context, key, outcome);
                    return;
                }

                held = claimed;
            }

            var body = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var response = new StoredResponse(status, context.Response.ContentType ?? AltcraftResponseWriter.TextContentType, body);
            stored = await TryAsync(() => store.CompleteAsync(key, held, response, clock.GetUtcNow() + settings.Window, CancellationToken.None));
        }

        if (!stored && held is not null)
        {
            // Given up, so a retry runs.
            await TryAsync(() => store.ReleaseAsync(key, held, CancellationToken.None));
        }

        await SendAsync(context, buffer);
    }

    /// <summary>The request's own answer, with its length (as <see cref="AltcraftResponseWriter.WriteAsync"/> sends one).</summary>
    private static Task SendAsync(HttpContext context, MemoryStream buffer)
    {
        context.Response.ContentLength = buffer.Length;
        return context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).AsTask();
    }

    /// <summary>Claims the key, waiting (bounded) while an identical request holds it without an outcome.</summary>
    private async Task<DeduplicationClaim> AwaitOutcomeAsync(
        string key, DateTimeOffset deadline, DeduplicationSettings settings, CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// A repeat's answer, in place of whatever its own run wrote: the identical request's outcome, or,
    /// without one, to retry.
    /// </summary>
    private async Task AnswerRepeatAsync(HttpContext context, string key, DeduplicationClaim claim)
    {
        context.Response.Clear();
        switch (claim)
        {
            case DeduplicationClaim.Completed completed:
                await ReplayAsync(context, key, completed.Response);
                return;
            case DeduplicationClaim.Claimed freed:
                // The identical request gave its key up without an outcome (it failed). This run was
                // rolled back, so the key goes back too, and the client's retry runs.
                await TryAsync(() => store.ReleaseAsync(key, freed, CancellationToken.None));
                break;
        }

        context.Response.Headers.RetryAfter = "1";
        await AltcraftResponseWriter.WriteErrorAsync(context, new ApiError(
            StatusCodes.Status503ServiceUnavailable,
            ResponseTexts.DuplicateInProgress,
            $"an identical request (key {key}) is still running; retry to get its outcome"));
    }

    private static Task ReplayAsync(HttpContext context, string key, StoredResponse response)
    {
        context.Response.Headers[DuplicateRequestHeader] = "true";
        context.Response.Headers[DuplicateKeyHeader] = key;
        return AltcraftResponseWriter.WriteAsync(context.Response, response, context.RequestAborted);
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
