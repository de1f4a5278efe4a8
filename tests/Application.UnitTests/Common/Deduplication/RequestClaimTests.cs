using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Application.UnitTests.Common.Deduplication;

/// <summary>How a request's claim on its deduplication key stands, from the middleware's request to the transaction's end (ADR 33).</summary>
public sealed class RequestClaimTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_request_without_a_key_has_no_claim_and_a_commit_gives_it_none()
    {
        var claim = new RequestClaim();

        claim.Committed();

        Assert.That(claim.State, Is.EqualTo(RequestClaimState.None));
        Assert.That(claim.Key, Is.Null);
    }

    [Test]
    public void A_requested_claim_waits_for_a_transaction_with_its_time_in_whole_microseconds_and_its_lease()
    {
        var claim = new RequestClaim();

        claim.Request("k", Now.AddTicks(1_234_567), TimeSpan.FromMinutes(2));

        Assert.That(claim.State, Is.EqualTo(RequestClaimState.Pending));
        Assert.That(claim.Key, Is.EqualTo("k"));
        Assert.That(claim.Since, Is.EqualTo(Now.AddTicks(1_234_560)));
        Assert.That(claim.LeaseEnds, Is.EqualTo(claim.Since + TimeSpan.FromMinutes(2)));
        Assert.That(claim.AsStored, Is.EqualTo(new DeduplicationClaim.Claimed(claim.Since)));
    }

    [Test]
    public void The_commit_of_its_transaction_makes_the_key_the_requests()
    {
        var claim = new RequestClaim();
        claim.Request("k", Now, TimeSpan.FromMinutes(2));

        claim.Committed();

        Assert.That(claim.State, Is.EqualTo(RequestClaimState.Held));
    }

    [Test]
    public void A_refused_claim_is_taken_and_stays_so_and_its_exception_names_the_key()
    {
        var claim = new RequestClaim();
        claim.Request("k", Now, TimeSpan.FromMinutes(2));

        var refusal = claim.Refused();
        claim.Committed();

        Assert.That(claim.State, Is.EqualTo(RequestClaimState.Taken));
        Assert.That(refusal.Key, Is.EqualTo("k"));
        Assert.That(refusal.Message, Does.Contain("k"));
    }
}
