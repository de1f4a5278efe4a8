using System.Text;
using System.Text.Json;
using QuickImport.Application.Common.Requests;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;
using Names = QuickImport.Application.Profiles.ImportProfiles.ImportParameterNames;

namespace QuickImport.Api.Binding;

/// <summary>
/// Reads the JSON body of a v1.1 import call straight into its command, token by token (no document
/// of the whole body is built): the top-level parameters typed, each item of <c>data</c> as sent.
/// What the request gets wrong is a fault of the request (refused once the token is known good); what
/// an item gets wrong is that item's, answered for it alone.
/// </summary>
public static class ImportJsonBody
{
    /// <summary>The most items one call may send (over it, 413).</summary>
    public const int MaxItems = 10_000;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <param name="single">The call imports one profile: <c>data</c> is an object, not an array.</param>
    /// <param name="bearer">The token of an <c>Authorization: Bearer</c> header, used when the body sends none.</param>
    /// <exception cref="MalformedBodyException">The body is not one JSON object.</exception>
    /// <exception cref="TooManyItemsException"><c>data</c> holds more than <see cref="MaxItems"/> items.</exception>
    public static ImportProfilesCommand Read(ReadOnlySpan<byte> body, ImportKind kind, bool single, string? bearer)
    {
        // A byte order mark some editors and libraries write is no part of the JSON.
        if (body.StartsWith(Encoding.UTF8.Preamble))
        {
            body = body[Encoding.UTF8.Preamble.Length..];
        }

        var reader = new Utf8JsonReader(body, Options);
        var faults = new List<RequestFault>();
        var scalars = new Dictionary<string, string?>(StringComparer.Ordinal);
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        List<ImportItem>? items = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new MalformedBodyException("the JSON body must be one object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case Names.Data:
                        items = ReadData(ref reader, body, single, faults, new FieldNames());
                        break;
                    case Names.SkipTriggers or Names.SkipInvalidSubscriptions or Names.DetectGeo:
                        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                        {
                            flags[name] = reader.GetBoolean();
                        }
                        else
                        {
                            faults.Add(new RequestFault(name, $"'{name}' must be true or false"));
                            reader.Skip();
                        }

                        break;
                    case Names.Token or Names.DatabaseId or Names.Matching or Names.FieldName or Names.ResourceId
                        or Names.TriggerId or Names.WorkflowId or Names.RequestId:
                        scalars[name] = Scalar(ref reader, body) ?? Refuse(faults, name, $"'{name}' must be a string or a number");
                        break;
                    default:
                        faults.Add(new RequestFault(name, $"'{name}' is not a parameter of this call (fields go in the items of 'data')"));
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new MalformedBodyException("the JSON body must be one object");
            }
        }
        catch (JsonException exception)
        {
            throw new MalformedBodyException($"invalid JSON: {exception.Message}");
        }

        var matching = new MatchingParameter(scalars.GetValueOrDefault(Names.Matching));
        var request = Request(scalars, flags, kind, matching, items ?? [], faults);
        if (items is not null && kind != ImportKind.CreateOnly)
        {
            LackingIdentifiers(request, items);
        }

        if (items is null)
        {
            faults.Add(new RequestFault(Names.Data, "'data' is required"));
        }

        return new ImportProfilesCommand(scalars.GetValueOrDefault(Names.Token) ?? bearer, request, faults) { Matching = matching };
    }

    /// <summary>An item the matching mode cannot find (no email to match by email, …) is refused, as a quick import is.</summary>
    private static void LackingIdentifiers(ImportRequest request, List<ImportItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (MatchingModes.MissingIdentifier(
                    request.Matching,
                    hasEmail: item.Value(Names.Email) is not null,
                    hasPhone: item.Value(Names.Phone) is not null || item.Phones.Count > 0,
                    hasFieldName: request.FieldName is not null,
                    hasProfileId: item.ProfileId is { Length: > 0 }) is { } missing)
            {
                items[i] = item with { Unreadable = item.Unreadable ?? missing };
            }
        }
    }

    private static ImportRequest Request(
        Dictionary<string, string?> scalars,
        Dictionary<string, bool> flags,
        ImportKind kind,
        MatchingParameter matching,
        List<ImportItem> items,
        List<RequestFault> faults)
    {
        int? Id(string name)
        {
            var text = scalars.GetValueOrDefault(name);
            var id = ParameterValues.ParseId(text);
            if (text is not null && id is null)
            {
                faults.Add(new RequestFault(name, ParameterValues.BadId(name, text)));
            }

            return id;
        }

        if (scalars.GetValueOrDefault(Names.DatabaseId) is null)
        {
            faults.Add(new RequestFault(Names.DatabaseId, "'db_id' is required"));
        }

        var databaseId = Id(Names.DatabaseId);
        if (matching.Fault is { } badMatching)
        {
            faults.Add(badMatching);
        }

        // The field to match on is the request's, not an item's: the request without it is refused whole.
        var fieldName = scalars.GetValueOrDefault(Names.FieldName);
        if (matching.Mode is { } mode
            && MatchingModes.MissingIdentifier(mode, hasEmail: true, hasPhone: true, hasFieldName: fieldName is not null, hasProfileId: true) is { } missing)
        {
            faults.Add(new RequestFault(Names.Matching, missing));
        }

        return new ImportRequest(
            databaseId ?? 0,
            kind,
            matching.Mode ?? MatchingMode.Email,
            fieldName,
            Id(Names.ResourceId),
            Id(Names.TriggerId),
            Id(Names.WorkflowId),
            items)
        {
            SkipTriggers = flags.GetValueOrDefault(Names.SkipTriggers),
            SkipInvalidSubscriptions = flags.GetValueOrDefault(Names.SkipInvalidSubscriptions),
            DetectGeo = flags.GetValueOrDefault(Names.DetectGeo, true),
            KeepsRegistrationDate = true,
        };
    }

    private static List<ImportItem>? ReadData(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, bool single, List<RequestFault> faults, FieldNames names)
    {
        if (single)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                return [ReadItem(ref reader, body, names)];
            }

            reader.Skip();
            faults.Add(new RequestFault(Names.Data, "'data' must be one object (an item)"));
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            faults.Add(new RequestFault(Names.Data, "'data' must be an array of items"));
            return [];
        }

        var items = new List<ImportItem>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (items.Count == MaxItems)
            {
                throw new TooManyItemsException(MaxItems);
            }

            items.Add(reader.TokenType == JsonTokenType.StartObject
                ? ReadItem(ref reader, body, names)
                : Unreadable(ref reader, "an item must be an object of fields"));
        }

        if (items.Count == 0)
        {
            faults.Add(new RequestFault(Names.Data, "'data' is empty"));
        }

        return items;
    }

    // What a batch's items hold while it runs: the lists and the set only when the item sends something for them.
    private static ImportItem ReadItem(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, FieldNames names)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        HashSet<string>? structured = null;
        List<string>? phones = null;
        List<ItemSubscription>? subscriptions = null;
        string? profileId = null;
        string? unreadable = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = names.Read(ref reader);
            reader.Read();
            switch (name)
            {
                case Names.Phones when reader.TokenType == JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (Scalar(ref reader, body) is { } phone)
                        {
                            (phones ??= []).Add(phone);
                        }
                        else
                        {
                            unreadable ??= "'phones' must be an array of strings";
                        }
                    }

                    break;
                case Names.Subscriptions when reader.TokenType == JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        (subscriptions ??= []).Add(ReadSubscription(ref reader, body, names, ref unreadable));
                    }

                    break;
                case Names.Phones or Names.Subscriptions:
                    reader.Skip();
                    unreadable ??= $"'{name}' must be an array";
                    break;
                case Names.ProfileId:
                    profileId = Scalar(ref reader, body);
                    break;
                default:
                    if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                    {
                        (structured ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                    }

                    if (!fields.TryAdd(name, [FieldValue(ref reader, body)]))
                    {
                        unreadable ??= $"field '{name}' is sent more than once";
                    }

                    break;
            }
        }

        var item = new ImportItem(
            fields, (IReadOnlyList<string>?)phones ?? [], (IReadOnlyList<ItemSubscription>?)subscriptions ?? [], ProfileId: profileId, Unreadable: unreadable);
        return structured is null ? item : item with { Structured = structured };
    }

    private static ItemSubscription ReadSubscription(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, FieldNames names, ref string? unreadable)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            unreadable ??= "a subscription must be an object";
            return new ItemSubscription(null, null, null, null);
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = names.Read(ref reader);
            reader.Read();
            values[name] = Scalar(ref reader, body);
        }

        var resourceText = values.GetValueOrDefault(Names.ResourceId);
        var resourceId = ParameterValues.ParseId(resourceText);
        if (resourceText is not null && resourceId is null)
        {
            unreadable ??= $"a subscription's {ParameterValues.BadId(Names.ResourceId, resourceText)}";
        }

        return new ItemSubscription(
            resourceId,
            values.GetValueOrDefault("channel"),
            values.GetValueOrDefault(Names.Email) ?? values.GetValueOrDefault(Names.Phone),
            values.GetValueOrDefault("status"));
    }

    /// <summary>A field's value as the field parsers read it: a scalar's text, an array's or object's JSON text (tags and json fields).</summary>
    private static string FieldValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            return Encoding.UTF8.GetString(body[start..(int)reader.BytesConsumed]);
        }

        return Scalar(ref reader, body) ?? string.Empty;
    }

    /// <summary>A string's value, a number's or a boolean's text; empty for null; null for an array or object (skipped).</summary>
    private static string? Scalar(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(body.Slice((int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex)));
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return string.Empty;
            default:
                reader.Skip();
                return null;
        }
    }

    private static ImportItem Unreadable(ref Utf8JsonReader reader, string why)
    {
        reader.Skip();
        return new ImportItem(new Dictionary<string, IReadOnlyList<string>>(), [], [], Unreadable: why);
    }

    private static string? Refuse(List<RequestFault> faults, string name, string message)
    {
        faults.Add(new RequestFault(name, message));
        return null;
    }

    /// <summary>
    /// The names one body's items send, each kept once: 10,000 items of the same six fields share six
    /// strings, not 60,000 copies held until the batch is answered.
    /// </summary>
    private sealed class FieldNames
    {
        // Longer names, and names past the first MostKept distinct ones, are read as they come.
        private const int LongestKept = 64;
        private const int MostKept = 1024;

        private readonly Dictionary<string, string> kept = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> byText;

        public FieldNames() => byText = kept.GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>The property name at the reader, as <see cref="Utf8JsonReader.GetString"/> reads it.</summary>
        public string Read(ref Utf8JsonReader reader)
        {
            // Its UTF-8 (escaped or not) has at least as many bytes as its text has chars.
            if (reader.ValueSpan.Length > LongestKept)
            {
                return reader.GetString()!;
            }

            Span<char> text = stackalloc char[LongestKept];
            text = text[..reader.CopyString(text)];
            if (byText.TryGetValue(text, out var name))
            {
                return name;
            }

            name = text.ToString();
            if (kept.Count < MostKept)
            {
                kept.Add(name, name);
            }

            return name;
        }
    }
}
