namespace QuickImport.Domain.Importing;

/// <summary>
/// The search's statements saw a profile committed between them (a holder of a value the search did
/// not read whole): the import's transaction is run again, and then sees it from the start.
/// </summary>
public sealed class SearchRacedException(string detail) : Exception(detail);
