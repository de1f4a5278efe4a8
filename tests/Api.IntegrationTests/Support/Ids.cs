using System.Globalization;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>An id as a request carries it: its digits, whatever the culture.</summary>
public static class Ids
{
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
