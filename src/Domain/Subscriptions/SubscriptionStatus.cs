namespace QuickImport.Domain.Subscriptions;

public enum SubscriptionStatus
{
    Subscribed,
    Unconfirmed,
    Unsubscribed,
    Complained,
    Bounced,
    Suspended,
}
