namespace QuickImport.Application.Profiles.ImportProfile;

/// <summary>The parameters of the import endpoint that are not database fields (docs/api.md §1).</summary>
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

    /// <summary>Parameters that steer the import; every other one names a database field.</summary>
    public static IReadOnlySet<string> Control { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Token, DatabaseId, Matching, FieldName, FieldValue, ProfileId, ResourceId, TriggerId, WorkflowId, RequestId,
    };
}
