namespace QuickImport.Api.Observability;

/// <summary>The id that ties a request's log lines together: the client's, when it sends one.</summary>
internal static class RequestId
{
    // A client-chosen id is logged as sent, but never at any length.
    private const int MaxLength = 100;

    private static readonly string[] Headers = ["Request-ID", "X-Request-ID"];

    public static string Of(HttpContext context)
    {
        foreach (var header in Headers)
        {
            if (context.Request.Headers[header].FirstOrDefault() is { Length: > 0 } sent)
            {
                return sent.Length <= MaxLength ? sent : sent[..MaxLength];
            }
        }

        return context.TraceIdentifier;
    }
}
