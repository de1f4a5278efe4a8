using QuickImport.Infrastructure.Deduplication;

namespace QuickImport.Api.IntegrationTests.Deduplication;

/// <summary>The time slices of the deduplication keys: named by their bounds, made aligned, around the slices that exist.</summary>
public sealed class TimeSliceTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_slice_is_named_by_its_bounds_in_unix_seconds_and_read_back_from_its_name()
    {
        var slice = new TimeSlice(Midnight, Midnight.AddHours(6));

        Assert.That(slice.Name, Is.EqualTo($"request_deduplication_{Midnight.ToUnixTimeSeconds()}_{Midnight.AddHours(6).ToUnixTimeSeconds()}"));
        Assert.That(TimeSlice.FromName(slice.Name), Is.EqualTo(slice));
    }

    [TestCase("request_deduplication_default")]
    [TestCase("request_deduplication_1_2_3")]
    [TestCase("request_deduplication_-1_2")]
    [TestCase("profiles")]
    public void Another_table_is_no_slice(string name) => Assert.That(TimeSlice.FromName(name), Is.Null);

    [Test]
    public void Without_slices_the_missing_ones_are_aligned_on_their_length_from_the_one_holding_now()
    {
        var missing = TimeSlice.Missing([], Midnight.AddHours(7), Midnight.AddHours(13), TimeSpan.FromHours(6)).ToList();

        Assert.That(missing, Is.EqualTo(new[]
        {
            new TimeSlice(Midnight.AddHours(6), Midnight.AddHours(12)),
            new TimeSlice(Midnight.AddHours(12), Midnight.AddHours(18)),
        }));
    }

    [Test]
    public void Existing_slices_are_kept_and_only_what_they_leave_uncovered_is_made()
    {
        TimeSlice[] existing = [new(Midnight.AddHours(6), Midnight.AddHours(12))];

        var missing = TimeSlice.Missing(existing, Midnight.AddHours(7), Midnight.AddHours(13), TimeSpan.FromHours(6)).ToList();

        Assert.That(missing, Is.EqualTo(new[] { new TimeSlice(Midnight.AddHours(12), Midnight.AddHours(18)) }));
    }

    [Test]
    public void Slices_of_another_length_are_filled_around_without_overlapping_them()
    {
        // Made when the window was shorter: one-minute slices from 07:00 to 07:02.
        TimeSlice[] existing = [new(Midnight.AddHours(7), Midnight.AddHours(7).AddMinutes(1)), new(Midnight.AddHours(7).AddMinutes(1), Midnight.AddHours(7).AddMinutes(2))];

        var missing = TimeSlice.Missing(existing, Midnight.AddHours(7), Midnight.AddHours(13), TimeSpan.FromHours(6)).ToList();

        Assert.That(missing, Is.EqualTo(new[]
        {
            new TimeSlice(Midnight.AddHours(6), Midnight.AddHours(7)),
            new TimeSlice(Midnight.AddHours(7).AddMinutes(2), Midnight.AddHours(12)),
            new TimeSlice(Midnight.AddHours(12), Midnight.AddHours(18)),
        }));
    }

    [Test]
    public void A_gap_before_an_existing_slice_ends_where_it_begins()
    {
        TimeSlice[] existing = [new(Midnight.AddHours(9), Midnight.AddHours(10))];

        var missing = TimeSlice.Missing(existing, Midnight.AddHours(7), Midnight.AddHours(11), TimeSpan.FromHours(6)).ToList();

        Assert.That(missing, Is.EqualTo(new[]
        {
            new TimeSlice(Midnight.AddHours(6), Midnight.AddHours(9)),
            new TimeSlice(Midnight.AddHours(10), Midnight.AddHours(12)),
        }));
    }
}
