using Mediator;
using Microsoft.Extensions.Options;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Common.Security;
using QuickImport.Application.Profiles.ImportProfiles;

namespace QuickImport.Api.Deduplication;

/// <summary>
/// Runs an import once per deduplication key (docs/api.md §6, ADR 40), for the HTTP calls and the
/// queue alike: <b>claim</b> the key, <b>run</b> the import, <b>store</b> its outcome — and a repeat
/// within the window gets the first outcome instead of running.
/// </summary>
/// <remarks>
/// The claim travels inside the import's own transaction (<see cref="RequestClaim"/>, ADR 33): the
/// import runs at once, an identical request waits for its end, and an import that commits stores
/// its outcome with its COMMIT (ADR 34). An import refused before or inside its transaction (a 4xx)
/// commits nothing: its key is claimed after it ran, to store the refusal — or to replay an identical
/// request's outcome. A 5xx, a 429 or a request its client gave up on is not kept, so a retry runs.
/// Only a request whose token is valid is deduplicated at all: an unauthenticated one is refused as
/// it would be without, and leaves nothing behind.
/// </remarks>
public sealed partial class DeduplicatedImports(
    IMediator mediator,
    RequestClaim claim,
    IRequestDeduplicationStore store,
    IApiTokenStore tokens,
    IOptions<DeduplicationSettings> options,
    TimeProvider clock,
    ILogger<DeduplicatedImports> logger)
{
    public const string DuplicateRequestHeader = "Duplicate-Request";
    public const string DuplicateKeyHeader = "Duplicate-Key";

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    /// <param name="waitWhileHeld">
    /// Whether to wait (up to <see cref="DeduplicationSettings.WaitTimeout"/>) for the outcome of an
    /// identical request still running; without, such a request is told at once to retry — the queue
    /// consumer, which sends the message back to the queue rather than hold up the others it imports.
    /// </param>
    /// <exception cref="DuplicateInProgressException">An identical request still runs after the wait (or, without one, at once): retry.</exception>
    public async Task<ImportAnswer> RunAsync(ImportProfilesCommand command, RequestKey key, bool waitWhileHeld, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !await IsVouchedForAsync(command, cancellationToken))
        {
            return ImportAnswer.Of(await mediator.Send(command, cancellationToken));
        }

        // The answer the claim stores with the COMMIT is the one returned: each item's error mapped once.
        (ImportResult Result, ImportAnswer Answer)? committed = null;
        ImportAnswer AnswerOf(ImportResult result)
        {
            if (committed is not { } known || !ReferenceEquals(known.Result, result))
            {
                committed = known = (result, ImportAnswer.Of(result));
            }

            return known.Answer;
        }

        var now = clock.GetUtcNow();
        var deadline = waitWhileHeld ? now + settings.WaitTimeout : now;
        claim.Request<ImportResult>(key, now, result => StoredAnswers.Store(AnswerOf(result)));
        ImportAnswer answer;
        try
        {
            answer = AnswerOf(await mediator.Send(command, cancellationToken));
        }
        catch (DuplicateRequestException)
        {
            // An identical request holds the key: this run was rolled back, and its outcome is the answer.
            return await ReplayAsync(key, await AwaitOutcomeAsync(key, deadline, cancellationToken));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Kept(exception) is { } refusal)
        {
            answer = ImportAnswer.Refused(refusal);
        }
        catch when (claim.State is RequestClaimState.Held)
        {
            // Its COMMIT's outcome is unknown: the key is given up, so that a retry runs and finds out.
            await TryAsync(() => store.ReleaseAsync(key, claim.AsStored, CancellationToken.None));
            throw;
        }

        if (claim.State is RequestClaimState.Answered)
        {
            // Stored with the claim by the import's own COMMIT.
            return answer;
        }

        // Nothing committed: the key is claimed now to store the answer, unless an identical request has it.
        var claimed = await AwaitOutcomeAsync(key, deadline, cancellationToken);
        return claimed is DeduplicationClaim.Claimed mine ? await StoreAsync(key, mine, answer) : await ReplayAsync(key, claimed);
    }

    /// <summary>
    /// Runs a batch whose items are requests of their own — a window of queue messages (ADR 42) — as
    /// one import, each item deduplicated by its own key as <see cref="RunAsync"/> would: an item whose
    /// key holds an earlier outcome is answered with it and left out; the rest are imported together,
    /// their keys locked with the search and claimed by the COMMIT, each with its item's outcome.
    /// </summary>
    /// <remarks>
    /// Most batches repeat nothing, so the whole batch is imported first, its keys not looked up
    /// before: no round trip ahead of its transaction (ADR 44). A key that turns out taken stops its
    /// COMMIT; only then are the keys looked up, and the batch imported again without the items
    /// answered before.
    /// </remarks>
    /// <param name="keys">One an item, in the items' order, no key twice.</param>
    /// <returns>
    /// Each item's answer, alike to what it would get alone; null for an item to run alone through
    /// <see cref="RunAsync"/>: its key is held by a request still running, or the batch committed
    /// nothing (each of its items was refused before the transaction), so no claim stored their answers.
    /// </returns>
    /// <exception cref="Exception">
    /// Whatever stopped the batch: a refusal of the request, a key claimed meanwhile by another request
    /// (<see cref="DuplicateRequestException"/>), the database. Nothing was imported, and the keys are
    /// free again; the caller runs the items alone, each then answered as it would be.
    /// </exception>
    public async Task<ImportAnswer?[]> RunEachAsync(ImportProfilesCommand batch, IReadOnlyList<RequestKey> keys, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || !await IsVouchedForAsync(batch, cancellationToken))
        {
            return [.. ItemsOf(ImportAnswer.Of(await mediator.Send(batch, cancellationToken)))];
        }

        var answers = new ImportAnswer?[keys.Count];
        try
        {
            return await ImportEachAsync(batch, keys, [.. Enumerable.Range(0, keys.Count)], answers, cancellationToken);
        }
        catch (DuplicateRequestException)
        {
            // A key is taken (a repeat, or a twin's): rolled back; the keys' standing says which items to import.
            LogBatchMetTakenKey(logger, keys.Count);
        }

        var standing = await store.FindEachAsync(keys, cancellationToken);
        List<int> free = [];
        for (var i = 0; i < keys.Count; i++)
        {
            if (standing[i] is DeduplicationClaim.Completed completed)
            {
                answers[i] = StoredAnswers.Replay(completed.Outcome, keys[i]);
            }
            else if (standing[i] is null)
            {
                free.Add(i);
            }
        }

        return free.Count == 0 ? answers : await ImportEachAsync(batch, keys, free, answers, cancellationToken);
    }

    /// <summary>
    /// Imports the batch's items that <paramref name="free"/> names as one, each claimed by its key with
    /// its answer; fills in their <paramref name="answers"/> when the claims were stored with them.
    /// </summary>
    private async Task<ImportAnswer?[]> ImportEachAsync(
        ImportProfilesCommand batch,
        IReadOnlyList<RequestKey> keys,
        IReadOnlyList<int> free,
        ImportAnswer?[] answers,
        CancellationToken cancellationToken)
    {
        // As in RunAsync: the answers the claim stores with the COMMIT are the ones returned.
        (ImportResult Result, ImportAnswer[] Answers)? committed = null;
        ImportAnswer[] AnswersOf(ImportResult result)
        {
            if (committed is not { } known || !ReferenceEquals(known.Result, result))
            {
                committed = known = (result, [.. ItemsOf(ImportAnswer.Of(result))]);
            }

            return known.Answers;
        }

        var command = batch with { Request = batch.Request with { Items = [.. free.Select(i => batch.Request.Items[i])] } };
        List<RequestKey> claimed = [.. free.Select(i => keys[i])];
        claim.RequestEach<ImportResult>(claimed, clock.GetUtcNow(), result => [.. AnswersOf(result).Select(StoredAnswers.Store)]);
        ImportAnswer[] imported;
        try
        {
            imported = AnswersOf(await mediator.Send(command, cancellationToken));
        }
        catch when (claim.State is RequestClaimState.Held)
        {
            // Its COMMIT's outcome is unknown: each key is given up (a key stored with its answer stays), so the items' runs find out.
            foreach (var key in claimed)
            {
                await TryAsync(() => store.ReleaseAsync(key, claim.AsStored, CancellationToken.None));
            }

            throw;
        }

        if (claim.State is RequestClaimState.Answered)
        {
            for (var i = 0; i < free.Count; i++)
            {
                answers[free[i]] = imported[i];
            }
        }

        return answers;
    }

    private static IEnumerable<ImportAnswer> ItemsOf(ImportAnswer answer) => answer.Items.Select(item => new ImportAnswer([item]));

    /// <summary>Whether the request's token is valid, or the queue vouches for its account: no other request is deduplicated.</summary>
    private async ValueTask<bool> IsVouchedForAsync(ImportProfilesCommand command, CancellationToken cancellationToken) =>
        command.TrustedAccountId is not null
        || (command.Token is { Length: > 0 } token && await tokens.FindAccountAsync(token, cancellationToken) is not null);

    /// <summary>A refusal worth keeping for the repeats: a 4xx other than 429, which the same request would get again.</summary>
    private static ApiError? Kept(Exception exception) =>
        ApiErrorMapper.Map(exception) is { Status: < StatusCodes.Status500InternalServerError and not StatusCodes.Status429TooManyRequests } refusal
            ? refusal
            : null;

    private async Task<ImportAnswer> StoreAsync(RequestKey key, DeduplicationClaim.Claimed mine, ImportAnswer answer)
    {
        if (!await TryAsync(() => store.CompleteAsync(key, mine, StoredAnswers.Store(answer), CancellationToken.None)))
        {
            // Given up, so a repeat runs.
            await TryAsync(() => store.ReleaseAsync(key, mine, CancellationToken.None));
        }

        return answer;
    }

    /// <summary>Claims the key, waiting (bounded) while an identical request holds it without an outcome.</summary>
    private async Task<DeduplicationClaim> AwaitOutcomeAsync(RequestKey key, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var pause = FirstPause;
        while (true)
        {
            var claimed = await store.ClaimAsync(key, cancellationToken);
            if (claimed is not DeduplicationClaim.InProgress || clock.GetUtcNow() >= deadline)
            {
                return claimed;
            }

            await Task.Delay(pause, clock, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>A repeat's answer: the identical request's outcome, or, without one, to retry.</summary>
    private async Task<ImportAnswer> ReplayAsync(RequestKey key, DeduplicationClaim claimed)
    {
        if (claimed is DeduplicationClaim.Completed completed)
        {
            return StoredAnswers.Replay(completed.Outcome, key);
        }

        if (claimed is DeduplicationClaim.Claimed freed)
        {
            // The identical request gave its key up without an outcome (it failed). This run was rolled
            // back, so the key goes back too, and the client's retry runs.
            await TryAsync(() => store.ReleaseAsync(key, freed, CancellationToken.None));
        }

        throw new DuplicateInProgressException(key);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Count} items met a key already taken; its keys are looked up and it runs again without the items answered before")]
    private static partial void LogBatchMetTakenKey(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a deduplication key's outcome failed")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
