namespace QuickImport.Api.Binding;

/// <summary>
/// A body that cannot be read as parameters (HTTP 400). It is refused before the token is checked,
/// since the token itself may be inside it.
/// </summary>
public sealed class MalformedBodyException(string detail) : Exception(detail);
