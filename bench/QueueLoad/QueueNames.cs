namespace QuickImport.Bench.QueueLoad;

/// <summary>The service's two queues (docs/queue.md), declared as it declares them.</summary>
public static class QueueNames
{
    public const string Import = "database_import";
    public const string Result = "database_import_result";
}
