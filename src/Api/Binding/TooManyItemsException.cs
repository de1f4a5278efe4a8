namespace QuickImport.Api.Binding;

/// <summary>A v1.1 import call sends more items than one call may (HTTP 413).</summary>
public sealed class TooManyItemsException(int most) : Exception($"the request sends more than {most} items");
