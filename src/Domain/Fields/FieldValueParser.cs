using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QuickImport.Domain.Common;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Fields;

/// <summary>Parses the text a request sends for a field into the field's typed JSON value (docs/api.md §3, §4).</summary>
public sealed partial class FieldValueParser(IPhoneNumberNormalizer phoneNumbers)
{
    // A detail echoes the value back; a long one is cut so the answer stays readable.
    private const int MaxQuotedLength = 100;

    private const string UtcDateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    private static readonly char[] TagSeparators = [',', '|', ';'];

    // System.Text.Json's default depth, named: the answer says it.
    private const int MaxJsonDepth = 64;

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = MaxJsonDepth };

    /// <summary>Parses the values sent for <paramref name="field"/>; an empty value means "not set".</summary>
    /// <param name="values">One value; several only for a tags field (a checkbox group).</param>
    /// <param name="phoneRegion">Region for phone numbers without a country code.</param>
    /// <returns>The typed value, or null when nothing is set (empty, or a value that means "not set").</returns>
    /// <exception cref="InvalidValueException">The value does not parse for the field's type.</exception>
    public JsonNode? Parse(FieldDefinition field, IReadOnlyList<string> values, string phoneRegion)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(values);

        if (field.Type == FieldType.PhoneList)
        {
            throw new InvalidValueException(field.Name, "set it through the 'phone' parameter");
        }

        if (field.Type == FieldType.Tags)
        {
            return ParseTags(field, values);
        }

        // A repeat is refused even when one of its values is empty: the sender meant two things.
        if (values.Count > 1)
        {
            throw new InvalidValueException(field.Name, "sent more than once");
        }

        if (values is not [{ Length: > 0 } value])
        {
            return null;
        }

        return field.Type switch
        {
            FieldType.String when field.Name == SystemFields.RegistrationUrl => ParseRegistrationUrl(field, value),
            FieldType.String => JsonValue.Create(value),
            FieldType.Int => ParseInt(field, value),
            FieldType.Float => ParseFloat(field, value),
            FieldType.Bool => ParseBool(field, value),
            FieldType.Date => ParseDate(field, value),
            FieldType.DateTime => ParseDateTime(field, value),
            FieldType.Enum => ParseEnum(field, value),
            FieldType.Json => ParseJson(field, value),
            FieldType.Email => ParseEmail(field, value),
            FieldType.Phone => ParsePhone(field, value, phoneRegion),
            FieldType.Ip => ParseIp(field, value),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "Unknown field type."),
        };
    }

    /// <summary>The form two values of a field are compared in for matching and uniqueness.</summary>
    public static string ComparisonKey(FieldDefinition field, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);

        return FieldKey.Compact(field.Type switch
        {
            FieldType.Email => value.GetValue<string>().ToLowerInvariant(),
            FieldType.String or FieldType.Enum => value.GetValue<string>(),
            _ => value.ToJsonString(),
        });
    }

    /// <summary>The value as an error detail shows it: quoted, and cut short when long.</summary>
    private static string Quote(string value)
    {
        if (value.Length <= MaxQuotedLength)
        {
            return $"'{value}'";
        }

        var length = char.IsHighSurrogate(value[MaxQuotedLength - 1]) ? MaxQuotedLength - 1 : MaxQuotedLength;
        return $"'{value[..length]}…'";
    }

    private static JsonValue ParseInt(FieldDefinition field, string value)
    {
        if (!IntegerPattern().IsMatch(value))
        {
            throw new InvalidValueException(field.Name, $"{Quote(value)} is not an integer");
        }

        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw new InvalidValueException(field.Name, $"{Quote(value)} does not fit in a 64-bit integer");
        }

        return JsonValue.Create(number);
    }

    private static JsonValue ParseFloat(FieldDefinition field, string value)
    {
        // The pattern leaves out what double.Parse would also take: spaces, separators, "NaN", "Infinity".
        if (!FloatPattern().IsMatch(value)
            || !double.TryParse(
                value,
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture,
                out var number))
        {
            throw new InvalidValueException(field.Name, $"{Quote(value)} is not a number");
        }

        if (!double.IsFinite(number))
        {
            throw new InvalidValueException(field.Name, $"{Quote(value)} is out of the range of a number");
        }

        return JsonValue.Create(number);
    }

    private static JsonValue ParseBool(FieldDefinition field, string value)
    {
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || value == "1")
        {
            return JsonValue.Create(true);
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase)
            || value.Equals("no", StringComparison.OrdinalIgnoreCase)
            || value == "0")
        {
            return JsonValue.Create(false);
        }

        throw new InvalidValueException(field.Name, $"{Quote(value)} is not a boolean (true/false/1/0/yes/no)");
    }

    private static JsonValue ParseDate(FieldDefinition field, string value)
    {
        if (!DatePattern().IsMatch(value))
        {
            throw new InvalidValueException(field.Name, $"{Quote(value)} is not a date in the form YYYY-MM-DD");
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidValueException(field.Name, $"{Quote(value)} is not a real date");
        }

        return JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static JsonValue ParseDateTime(FieldDefinition field, string value)
    {
        var match = DateTimePattern().Match(value);
        if (!match.Success)
        {
            throw new InvalidValueException(
                field.Name,
                $"{Quote(value)} is not a date and time in RFC 3339 form (YYYY-MM-DDTHH:MM:SS with 'Z' or an offset)");
        }

        InvalidValueException NotReal() => new(field.Name, $"{Quote(value)} is not a real date and time");

        if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !TimeOnly.TryParseExact(match.Groups["time"].Value, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw NotReal();
        }

        var ticks = date.ToDateTime(time).Ticks + FractionTicks(match.Groups["fraction"].Value);

        var zone = match.Groups["zone"].Value;
        if (zone.Length > 1)
        {
            var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture);
            if (hours > 23 || minutes > 59)
            {
                throw NotReal();
            }

            var offset = new TimeSpan(hours, minutes, 0).Ticks;
            ticks -= zone[0] == '+' ? offset : -offset;
        }

        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw new InvalidValueException(field.Name, $"{Quote(value)} is out of the range of dates");
        }

        var utc = new DateTime(ticks, DateTimeKind.Utc);
        return JsonValue.Create(utc.ToString(UtcDateTimeFormat, CultureInfo.InvariantCulture));
    }

    /// <summary>Ticks (100 ns) of a fraction of a second; digits past the seventh are dropped.</summary>
    private static long FractionTicks(string digits)
    {
        if (digits.Length == 0)
        {
            return 0;
        }

        var seven = digits.Length >= 7 ? digits[..7] : digits.PadRight(7, '0');
        return long.Parse(seven, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static JsonValue? ParseEnum(FieldDefinition field, string value)
    {
        if (field.Options.Contains(value, StringComparer.Ordinal))
        {
            return JsonValue.Create(value);
        }

        // Altcraft sends _sex as a number too: 0 is "not specified", 1 male, 2 female.
        if (field.Name == SystemFields.Sex)
        {
            switch (value)
            {
                case "0":
                    return null;
                case "1":
                    return JsonValue.Create("male");
                case "2":
                    return JsonValue.Create("female");
            }
        }

        throw new InvalidValueException(field.Name, $"{Quote(value)} is not one of: {string.Join(", ", field.Options)}");
    }

    private static JsonArray? ParseTags(FieldDefinition field, IReadOnlyList<string> values)
    {
        IEnumerable<string> items = values.Count == 1 && values[0].TrimStart().StartsWith('[')
            ? ParseTagArray(field, values[0])
            : values.SelectMany(v => v.Split(TagSeparators));

        var tags = items
            .Select(t => t.Trim())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(t => (JsonNode?)JsonValue.Create(t))
            .ToArray();

        return tags.Length == 0 ? null : new JsonArray(tags);
    }

    private static List<string> ParseTagArray(FieldDefinition field, string value)
    {
        InvalidValueException NotArray() => new(field.Name, $"{Quote(value)} is not a JSON array of strings");

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            throw NotArray();
        }

        if (node is not JsonArray array)
        {
            throw NotArray();
        }

        if (StorableJson.Flaw(array) is { } flaw)
        {
            throw new InvalidValueException(field.Name, flaw);
        }

        var items = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue element || element.GetValueKind() != JsonValueKind.String)
            {
                throw NotArray();
            }

            items.Add(element.GetValue<string>());
        }

        return items;
    }

    private static JsonNode ParseJson(FieldDefinition field, string value)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(value, documentOptions: StrictJson);
        }
        catch (JsonException)
        {
            throw new InvalidValueException(
                field.Name, NestsTooDeeply(value) ? $"is nested too deeply (at most {MaxJsonDepth})" : "is not valid JSON");
        }

        if (node is null)
        {
            throw new InvalidValueException(field.Name, "JSON null is not a value; send an empty value instead");
        }

        return StorableJson.Flaw(node) is { } flaw ? throw new InvalidValueException(field.Name, flaw) : node;
    }

    /// <summary>
    /// Whether JSON text the parser refused opens an object or array deeper than allowed before anything
    /// else is wrong with it: System.Text.Json tells a depth from a syntax error only in its message's words.
    /// </summary>
    private static bool NestsTooDeeply(string value)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(value), new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is (JsonTokenType.StartObject or JsonTokenType.StartArray) && reader.CurrentDepth >= MaxJsonDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // A syntax error before the depth was passed.
        }

        return false;
    }

    /// <summary>
    /// An email as sent (an email field's value, the <c>email</c> an import or a read sends), normalized
    /// (docs/api.md §4); refused in the one wording, naming <paramref name="name"/>.
    /// </summary>
    /// <exception cref="InvalidValueException">The address is not valid.</exception>
    public static EmailAddress ParseEmailAddress(string name, string value) =>
        EmailAddress.TryParse(value, out var address, out var reason)
            ? address!
            : throw new InvalidValueException(name, $"{Quote(value)} is not a valid email address: {reason}");

    private static JsonValue ParseEmail(FieldDefinition field, string value) => JsonValue.Create(ParseEmailAddress(field.Name, value).Value);

    private JsonValue ParsePhone(FieldDefinition field, string value, string phoneRegion)
    {
        // libphonenumber reads letters as the keypad's digits ("+1 800 FLOWERS"); from a CRM or a form
        // they are junk, not a vanity number.
        if (!PhoneCharactersPattern().IsMatch(value))
        {
            throw new InvalidValueException(
                field.Name, $"{Quote(value)} is not a valid phone number: only digits, spaces and + - ( ) . may be sent");
        }

        return phoneNumbers.TryNormalize(value, phoneRegion, out var e164)
            ? JsonValue.Create(e164)
            : throw new InvalidValueException(field.Name, $"{Quote(value)} is not a valid phone number");
    }

    private static JsonValue ParseRegistrationUrl(FieldDefinition field, string value) =>
        RegistrationUrl.IsValid(value)
            ? JsonValue.Create(value)
            : throw new InvalidValueException(field.Name, $"{Quote(value)} is not an absolute http or https URL");

    private static JsonValue ParseIp(FieldDefinition field, string value)
    {
        if (TryParseIPv4(value, out var ipv4))
        {
            return JsonValue.Create(ipv4);
        }

        // Only hex digits, ':' and '.' (an embedded IPv4): no brackets, ports, zones or prefixes.
        if (IPv6Pattern().IsMatch(value)
            && IPAddress.TryParse(value, out var address)
            && address is { AddressFamily: AddressFamily.InterNetworkV6, ScopeId: 0 })
        {
            return JsonValue.Create(address.ToString());
        }

        throw new InvalidValueException(field.Name, $"{Quote(value)} is not an IPv4 or IPv6 address");
    }

    private static bool TryParseIPv4(string value, out string canonical)
    {
        canonical = string.Empty;
        if (!IPv4Pattern().IsMatch(value))
        {
            return false;
        }

        var parts = value.Split('.');
        foreach (var part in parts)
        {
            // A leading zero reads as octal in some parsers; refuse the ambiguity.
            if ((part.Length > 1 && part[0] == '0') || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        canonical = value;
        return true;
    }

    [GeneratedRegex(@"^[+-]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(
        @"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt](?<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(\.(?<fraction>[0-9]+))?(?<zone>[Zz]|[+-][0-9]{2}:[0-9]{2})?\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[0-9 +\-().]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCharactersPattern();

    [GeneratedRegex(@"^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Pattern();

    [GeneratedRegex(@"^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex IPv6Pattern();
}
