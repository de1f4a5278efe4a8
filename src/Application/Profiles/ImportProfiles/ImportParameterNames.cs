namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>The parameters of the import calls that are not database fields (docs/api.md §1, §7).</summary>
public static class ImportParameterNames
{
    public const string Token = "token";
    public const string DatabaseId = "db_id";
    public const string Matching = "matching";
    public const string FieldName = "field_name";
    public const string FieldValue = "field_value";
    public const string ProfileId = "profile_id";
    public const string ResourceId = "resource_id";
    public const string TriggerId = "trigger_id";
    public const string WorkflowId = "workflow_id";
    public const string RequestId = "request_id";
    public const string Email = "email";
    public const string Phone = "phone";

    // The v1.1 calls' own: top-level switches, the items, and an item's lists.
    public const string Data = "data";
    public const string SkipTriggers = "skip_triggers";
    public const string SkipInvalidSubscriptions = "skip_invalid_subscriptions";
    public const string DetectGeo = "detect_geo";
    public const string Phones = "phones";
    public const string Subscriptions = "subscriptions";

    /// <summary>Parameters that steer the quick import; every other one names a database field.</summary>
    public static IReadOnlySet<string> Control { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Token, DatabaseId, Matching, FieldName, FieldValue, ProfileId, ResourceId, TriggerId, WorkflowId, RequestId,
    };
}
