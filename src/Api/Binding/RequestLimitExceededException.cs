namespace QuickImport.Api.Binding;

/// <summary>
/// A request sends more parameters, or a longer name or value, than <see cref="Limits.RequestLimits"/>
/// allows (HTTP 400). Like a malformed body it is refused before the token is checked.
/// </summary>
public sealed class RequestLimitExceededException(string detail) : Exception(detail);
