namespace QuickImport.Domain.Subscriptions;

/// <summary>A subscription channel: the email address or the phone number of a profile.</summary>
public enum Channel
{
    Email,
    Sms,
}
