namespace QuickImport.Application.Common.Requests;

/// <summary>A parameter of the request that the edge could not read (HTTP 400).</summary>
public sealed record RequestFault(string Parameter, string Message);
