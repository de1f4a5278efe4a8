using System.Globalization;
using System.Text;

namespace QuickImport.Domain.Profiles;

/// <summary>
/// An email address in normalized form: trimmed, domain lowercased and converted from IDN to ASCII,
/// local part kept as sent. Addresses compare case-insensitively through <see cref="Key"/>.
/// </summary>
public sealed record EmailAddress
{
    public const int MaxLength = 254;
    public const int MaxLocalPartLength = 64;
    public const int MaxDomainLength = 253;
    public const int MaxLabelLength = 63;

    // The printable ASCII of RFC 5322's atext, besides letters and digits.
    private const string LocalPartSymbols = "!#$%&'*+/=?^_`{|}~-";

    private EmailAddress(string value)
    {
        Value = value;
        Key = value.ToLowerInvariant();
    }

    public string Value { get; }

    /// <summary>The case-folded form that matching and uniqueness compare.</summary>
    public string Key { get; }

    /// <summary>Normalizes <paramref name="raw"/>; false with a reason when its syntax is invalid.</summary>
    public static bool TryParse(string raw, out EmailAddress? address, out string reason)
    {
        address = null;
        var text = raw?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            reason = "is empty";
            return false;
        }

        var at = text.LastIndexOf('@');
        if (at < 0)
        {
            reason = "missing '@'";
            return false;
        }

        var localPart = text[..at];
        if (!TryCheckLocalPart(localPart, out reason))
        {
            return false;
        }

        if (!TryNormalizeDomain(text[(at + 1)..], out var domain, out reason))
        {
            return false;
        }

        var value = $"{localPart}@{domain}";
        if (value.Length > MaxLength)
        {
            reason = $"address is longer than {MaxLength} characters";
            return false;
        }

        address = new EmailAddress(value);
        reason = string.Empty;
        return true;
    }

    public override string ToString() => Value;

    private static bool TryCheckLocalPart(string localPart, out string reason)
    {
        if (localPart.Length == 0)
        {
            reason = "missing the part before '@'";
            return false;
        }

        if (localPart.Length > MaxLocalPartLength)
        {
            reason = $"the part before '@' is longer than {MaxLocalPartLength} characters";
            return false;
        }

        if (localPart[0] == '.' || localPart[^1] == '.')
        {
            reason = "the part before '@' starts or ends with a dot";
            return false;
        }

        if (localPart.Contains("..", StringComparison.Ordinal))
        {
            reason = "the part before '@' has two dots in a row";
            return false;
        }

        foreach (var rune in localPart.EnumerateRunes())
        {
            if (!IsLocalPartRune(rune))
            {
                reason = Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)
                    ? "the part before '@' contains a space or a control character"
                    : $"the part before '@' contains '{rune}'";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }

    private static bool IsLocalPartRune(Rune rune)
    {
        if (rune.IsAscii)
        {
            var c = (char)rune.Value;
            return char.IsAsciiLetterOrDigit(c) || c == '.' || LocalPartSymbols.Contains(c, StringComparison.Ordinal);
        }

        // Internationalized local parts (RFC 6531): letters, with the marks and digits their scripts need.
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber => true,
            _ => false,
        };
    }

    private static bool TryNormalizeDomain(string domain, out string normalized, out string reason)
    {
        normalized = string.Empty;
        if (domain.Length == 0)
        {
            reason = "missing the domain after '@'";
            return false;
        }

        // IdnMapping refuses over-long names itself; say why before it does.
        if (domain.Length > MaxDomainLength)
        {
            reason = $"domain is longer than {MaxDomainLength} characters";
            return false;
        }

        string ascii;
        try
        {
            // A fresh mapping per call: IdnMapping does not promise its instances are thread-safe.
            ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            reason = "invalid domain";
            return false;
        }

        if (ascii.Length > MaxDomainLength)
        {
            reason = $"domain is longer than {MaxDomainLength} characters";
            return false;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2)
        {
            reason = "domain has no dot";
            return false;
        }

        if (!labels.All(IsValidLabel))
        {
            reason = "invalid domain";
            return false;
        }

        // An all-digit top-level label is an IP address, not a domain name.
        if (labels[^1].All(char.IsAsciiDigit))
        {
            reason = "invalid domain";
            return false;
        }

        normalized = ascii;
        reason = string.Empty;
        return true;
    }

    private static bool IsValidLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label[0] != '-'
        && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
