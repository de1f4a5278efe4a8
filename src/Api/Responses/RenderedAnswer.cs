namespace QuickImport.Api.Responses;

/// <summary>An answer as it goes out: its status, content type and body.</summary>
public sealed record RenderedAnswer(int Status, string ContentType, string Body);
