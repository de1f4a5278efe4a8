using System.Globalization;
using QuickImport.Domain.Profiles;

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

    public static string BadId(string name, string? text) => $"'{name}' must be a positive integer, not '{text}'";

    /// <summary>Why a <c>profile_id</c> that <see cref="ProfileId.TryParse"/> refuses is refused.</summary>
    public const string BadProfileId = "'profile_id' must be 24 hexadecimal digits";
}
