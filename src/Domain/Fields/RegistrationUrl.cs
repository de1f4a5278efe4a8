using QuickImport.Domain.Common;

namespace QuickImport.Domain.Fields;

/// <summary>
/// The rule of <c>_regurl</c>, whether sent or taken from <c>Referer</c>: an absolute http or https URL,
/// as a browser sends it — no other scheme (<c>javascript:</c>, <c>data:</c>), no relative path, no
/// whitespace or control character — since whatever is stored is later shown and followed as a link.
/// </summary>
public static class RegistrationUrl
{
    public static bool IsValid(string value) =>
        StorableText.IsStorable(value)
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(value, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && url.Host.Length > 0;
}
