namespace QuickImport.Application.Common.Requests;

/// <summary>
/// The parameters of an HTTP request, query string and body merged, each with every value it was
/// sent with (a repeated key keeps all its values, so the rules that forbid repeats can see them).
/// </summary>
public sealed class RequestParameters
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> values;

    public RequestParameters(IReadOnlyDictionary<string, IReadOnlyList<string>> values) => this.values = values;

    public IEnumerable<string> Names => values.Keys;

    public IReadOnlyList<string> Values(string name) => values.TryGetValue(name, out var found) ? found : [];

    public bool IsRepeated(string name) => Values(name).Count > 1;

    /// <summary>The parameter's value; null when absent or empty, since an empty value means "not sent".</summary>
    public string? Value(string name) => Values(name) is [var only, ..] && only.Length > 0 ? only : null;
}
