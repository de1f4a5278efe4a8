using QuickImport.Application.Common.Requests;

namespace QuickImport.Application.UnitTests.Support;

/// <summary>Builds request parameters the way the API binds them: a name sent twice keeps both values.</summary>
internal static class TestRequestParameters
{
    public static RequestParameters Of(params (string Name, string Value)[] pairs) =>
        new(pairs
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)[.. g.Select(p => p.Value)],
                StringComparer.Ordinal));
}
