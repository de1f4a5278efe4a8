using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Application.UnitTests.Common.Deduplication;

/// <summary>How a request's claim on its deduplication key stands, from the deduplicated import's request to the transaction's end (ADR 33, 34, 39).</summary>
public sealed class RequestClaimTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly RequestKey Key = RequestKey.Of(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static StoredOutcome Added(int result) => new(200, $"{result:x24}", Created: true, Details: null);

    [Test]
    public void A_request_without_a_key_has_no_claim_and_a_commit_gives_it_none()
    {
        var claim = new RequestClaim();

        claim.Committed(answered: false);

        Assert.That(claim.State, Is.EqualTo(RequestClaimState.None));
        Assert.That(claim.Keys, Is.Empty);
        Assert.That(claim.OutcomesFor(1), Is.Null, "nothing to store without a key");
    }

    [Test]
    public void A_requested_claim_waits_for_a_transaction_with_its_time_in_whole_microseconds()
    {
        var claim = new RequestClaim();

        claim.Request<int>(Key, Now.AddTicks(1_234_567), Added);

        Assert.That(claim.State, Is.EqualTo(RequestClaimState.Pending));
        Assert.That(claim.Keys, Is.EqualTo(new[] { Key }));
        Assert.That(claim.Since, Is.EqualTo(Now.AddTicks(1_234_560)));
        Assert.That(claim.AsStored, Is.EqualTo(new DeduplicationClaim.Claimed(claim.Since)));
    }

    [Test]
    public void The_outcome_is_known_only_for_a_result_of_the_type_it_was_given_for()
    {
        var claim = new RequestClaim();
        claim.Request<int>(Key, Now, Added);

        Assert.That(claim.OutcomesFor(7), Is.EqualTo(new[] { Added(7) }));
        Assert.That(claim.OutcomesFor("7"), Is.Null, "another result");
        Assert.That(claim.OutcomesFor(null), Is.Null);
    }

    [Test]
    public void The_commit_of_its_transaction_makes_the_key_the_requests_answered_or_still_to_complete(
        [Values] bool answered)
    {
        var claim = new RequestClaim();
        claim.Request<int>(Key, Now, Added);

        claim.Committed(answered);

        Assert.That(claim.State, Is.EqualTo(answered ? RequestClaimState.Answered : RequestClaimState.Held));
    }

    [Test]
    public void A_committed_claim_has_no_outcome_left_to_store()
    {
        var claim = new RequestClaim();
        claim.Request<int>(Key, Now, Added);

        claim.Committed(answered: true);

        Assert.That(claim.OutcomesFor(1), Is.Null);
    }

    [Test]
    public void A_batchs_claim_holds_each_items_key_and_outcome_in_the_items_order()
    {
        var other = RequestKey.Of(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());
        var claim = new RequestClaim();

        claim.RequestEach<int[]>([Key, other], Now, results => [.. results.Select(Added)]);

        Assert.That(claim.State, Is.EqualTo(RequestClaimState.Pending));
        Assert.That(claim.Keys, Is.EqualTo(new[] { Key, other }));
        Assert.That(claim.OutcomesFor(new[] { 3, 4 }), Is.EqualTo(new[] { Added(3), Added(4) }));
        Assert.That(claim.Refused().Key, Is.EqualTo(Key), "the store does not tell which key was taken: the first is named");
    }

    [Test]
    public void A_refused_claim_is_taken_and_stays_so_and_its_exception_names_the_key()
    {
        var claim = new RequestClaim();
        claim.Request<int>(Key, Now, Added);

        var refusal = claim.Refused();
        claim.Committed(answered: true);

        Assert.That(claim.State, Is.EqualTo(RequestClaimState.Taken));
        Assert.That(refusal.Key, Is.EqualTo(Key));
        Assert.That(refusal.Message, Does.Contain(Key.ToString()));
    }
}
