namespace QuickImport.Application.Common.Caching;

/// <summary>
/// A command whose success changes what imports look up and may hold in memory: a token's validity,
/// a database's fields, an automation's active flag. The metadata behavior tells every instance
/// after it succeeds. Commands that only add objects need not say so: a miss is never remembered.
/// </summary>
public interface IChangesImportMetadata;
