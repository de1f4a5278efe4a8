using System.Globalization;
using QuickImport.Domain.Matching;

namespace QuickImport.Application.Common.Requests;

/// <summary>How the API's control parameters read, wherever they come from.</summary>
public static class ParameterValues
{
    /// <summary>An object id: a positive 32-bit integer in plain decimal digits.</summary>
    public static int? ParseId(string? text) =>
        text is { Length: > 0 } && text.All(char.IsAsciiDigit)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;

    /// <summary>The matching mode; absent means <c>email</c>.</summary>
    public static MatchingMode? ParseMatching(string? text) =>
        text is null ? MatchingMode.Email : MatchingModes.TryParse(text, out var mode) ? mode : null;

    public static string BadMatching(string? text) => $"'matching' must be one of {string.Join(", ", MatchingModes.Names)}, not '{text}'";

    public static string BadId(string name, string? text) => $"'{name}' must be a positive integer, not '{text}'";
}
