using QuickImport.Domain.Subscriptions;

namespace QuickImport.Application.Common.Mapping;

/// <summary>How enumerations are spelled on the wire: lowercase, as Altcraft's API spells them.</summary>
public static class WireNames
{
    public static string Of(Channel channel) => channel.ToString().ToLowerInvariant();

    public static string Of(SubscriptionStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseChannel(string? name, out Channel channel)
    {
        foreach (var candidate in Enum.GetValues<Channel>())
        {
            if (Of(candidate) == name)
            {
                channel = candidate;
                return true;
            }
        }

        channel = default;
        return false;
    }
}
