namespace QuickImport.Application.Common.Requests;

/// <summary>
/// The parameters of an HTTP request, query string and body merged, each with every value it was
/// sent with (a repeated key keeps all its values, so the rules that forbid repeats can see them), and
/// which of them a JSON body sent as an array (the items are its values), so the rules that take one
/// value can refuse an array even of one item.
/// </summary>
public sealed class RequestParameters
{
    /// <summary>Why a parameter that takes one value is refused when sent as an array.</summary>
    public const string NotAnArray = "must be a single value, not an array";

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> values;
    private readonly IReadOnlySet<string> arrays;

    public RequestParameters(IReadOnlyDictionary<string, IReadOnlyList<string>> values, IReadOnlySet<string>? arrays = null)
    {
        this.values = values;
        this.arrays = arrays ?? new HashSet<string>();
    }

    /// <summary>No parameters: a v1.1 call's, whose JSON body is read into its command instead.</summary>
    public static RequestParameters None { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    public IEnumerable<string> Names => values.Keys;

    /// <summary>The parameters a JSON body sent as arrays.</summary>
    public IEnumerable<string> Arrays => arrays;

    public bool IsArray(string name) => arrays.Contains(name);

    public IReadOnlyList<string> Values(string name) => values.TryGetValue(name, out var found) ? found : [];

    public bool IsRepeated(string name) => Values(name).Count > 1;

    /// <summary>The parameter's value; null when absent or empty, since an empty value means "not sent".</summary>
    public string? Value(string name) => Values(name) is [var only, ..] && only.Length > 0 ? only : null;
}
