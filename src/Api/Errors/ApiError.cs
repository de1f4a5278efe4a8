namespace QuickImport.Api.Errors;

/// <summary>An outcome that is not a success, as the import and read APIs answer it.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Text">The text of docs/api.md §1's table.</param>
/// <param name="Detail">What exactly was wrong, for a person; never a stack trace or SQL.</param>
/// <param name="Extra">Members the JSON form adds (candidates, field, conflicting_profile_id).</param>
public sealed record ApiError(int Status, string Text, string? Detail = null, IReadOnlyDictionary<string, object>? Extra = null);
