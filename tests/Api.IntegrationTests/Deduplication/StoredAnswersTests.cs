using QuickImport.Api.Deduplication;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Api.IntegrationTests.Deduplication;

/// <summary>An import's answer as deduplication keeps it: a replay renders exactly what the first answer rendered, in either format.</summary>
public sealed class StoredAnswersTests
{
    private static readonly RequestKey Key = RequestKey.Of(new byte[32]);

    private static readonly ApiError NotUnique = new(
        ResponseTexts.NotUniqueStatus,
        ResponseTexts.NotUnique,
        "the value of 'crm_id' is held by another profile",
        new Dictionary<string, object> { ["field"] = "crm_id", ["conflicting_profile_id"] = "0123456789abcdef01234567" });

    [Test]
    public void One_profile_imported_is_kept_in_columns_without_details()
    {
        var answer = new ImportAnswer([new ItemAnswer("0123456789abcdef01234567", Created: true, Error: null)]);

        var stored = StoredAnswers.Store(answer);

        Assert.That(stored, Is.EqualTo(new StoredOutcome(200, "0123456789abcdef01234567", true, null)));
        Assert.That(StoredAnswers.Replay(stored, Key), Is.EqualTo(answer with { ReplayOf = Key }).Using<ImportAnswer>(SameRendering));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_refused_item_is_replayed_as_it_was_answered_with_its_extra_members(bool json)
    {
        var answer = new ImportAnswer([new ItemAnswer(null, false, NotUnique)]);

        var stored = StoredAnswers.Store(answer);
        var replay = StoredAnswers.Replay(stored, Key);

        Assert.That(stored.Status, Is.EqualTo(ResponseTexts.NotUniqueStatus), "the table shows the one item's status");
        Assert.That(ImportAnswers.Single(replay, json), Is.EqualTo(ImportAnswers.Single(answer, json)));
        Assert.That(replay.ReplayOf, Is.EqualTo(Key));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_refused_request_is_replayed_as_it_was_answered(bool json)
    {
        var answer = ImportAnswer.Refused(new ApiError(400, ResponseTexts.BadRequest, "'db_id' is not a number"));

        var stored = StoredAnswers.Store(answer);

        Assert.That(stored.Status, Is.EqualTo(400));
        Assert.That(ImportAnswers.Single(StoredAnswers.Replay(stored, Key), json), Is.EqualTo(ImportAnswers.Single(answer, json)));
        Assert.That(ImportAnswers.Batch(StoredAnswers.Replay(stored, Key)), Is.EqualTo(ImportAnswers.Batch(answer)));
    }

    [Test]
    public void A_batch_is_replayed_item_by_item_in_its_order()
    {
        var answer = new ImportAnswer(
        [
            new ItemAnswer("0123456789abcdef01234567", Created: true, Error: null),
            new ItemAnswer(null, false, NotUnique),
            new ItemAnswer("76543210fedcba9876543210", Created: false, Error: null),
        ]);

        var stored = StoredAnswers.Store(answer);

        Assert.That(stored.Status, Is.EqualTo(200));
        Assert.That(stored.ProfileId, Is.Null);
        Assert.That(ImportAnswers.Batch(StoredAnswers.Replay(stored, Key)), Is.EqualTo(ImportAnswers.Batch(answer)));
    }

    private static bool SameRendering(ImportAnswer a, ImportAnswer b) =>
        a.ReplayOf == b.ReplayOf && ImportAnswers.Single(a, json: true) == ImportAnswers.Single(b, json: true)
        && ImportAnswers.Single(a, json: false) == ImportAnswers.Single(b, json: false);
}
