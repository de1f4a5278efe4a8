using System.Globalization;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// One partition of <c>request_deduplication</c>: the keys claimed from <see cref="From"/> until
/// <see cref="To"/>, named by those times in Unix seconds, so the partitions' names say what they
/// hold, whatever slice length made them.
/// </summary>
internal sealed record TimeSlice(DateTimeOffset From, DateTimeOffset To)
{
    public const string Prefix = "request_deduplication_";

    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{From.ToUnixTimeSeconds()}_{To.ToUnixTimeSeconds()}");

    /// <summary>The slice a partition's name stands for; null for another table (the default partition).</summary>
    public static TimeSlice? FromName(string name)
    {
        var bounds = name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..].Split('_') : [];
        return bounds.Length == 2
            && long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            ? new TimeSlice(DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to))
            : null;
    }

    /// <summary>
    /// The slices to make so that every claim from <paramref name="now"/> to <paramref name="until"/>
    /// has one: of <paramref name="length"/>, aligned on multiples of it since the Unix epoch, around
    /// the slices that exist (made with another length, they are kept and the new ones fill the gaps).
    /// </summary>
    public static IEnumerable<TimeSlice> Missing(IReadOnlyCollection<TimeSlice> existing, DateTimeOffset now, DateTimeOffset until, TimeSpan length)
    {
        var cursor = Aligned(now, length);
        while (cursor < until)
        {
            if (existing.FirstOrDefault(s => s.From <= cursor && cursor < s.To) is { } covering)
            {
                cursor = covering.To;
                continue;
            }

            var end = Aligned(cursor, length) + length;
            if (existing.Where(s => s.From > cursor).Select(s => s.From).DefaultIfEmpty(end).Min() is var next && next < end)
            {
                end = next;
            }

            yield return new TimeSlice(cursor, end);
            cursor = end;
        }
    }

    private static DateTimeOffset Aligned(DateTimeOffset time, TimeSpan length)
    {
        var seconds = (long)length.TotalSeconds;
        var unix = time.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(unix - (unix % seconds));
    }
}
