namespace QuickImport.Domain.Subscriptions;

/// <summary>A subscription resource of one database: the channels it sends on and its opt-in rule.</summary>
public sealed class Resource
{
    private Resource()
    {
        Name = string.Empty;
        Channels = [];
    }

    public Resource(int databaseId, string name, IReadOnlyCollection<Channel> channels, bool doubleOptIn)
    {
        DatabaseId = databaseId;
        Name = name;
        Channels = [.. channels.Distinct().Order()];
        DoubleOptIn = doubleOptIn;
    }

    public int Id { get; private set; }

    public int DatabaseId { get; private set; }

    public string Name { get; private set; }

    public List<Channel> Channels { get; private set; }

    public bool DoubleOptIn { get; private set; }

    /// <summary>The status a subscription starts with; an existing one keeps its own.</summary>
    public SubscriptionStatus InitialStatus =>
        DoubleOptIn ? SubscriptionStatus.Unconfirmed : SubscriptionStatus.Subscribed;

    public bool Sends(Channel channel) => Channels.Contains(channel);
}
