namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>The temporary directory a throwaway server (a PostgreSQL cluster, a RabbitMQ node) keeps its data and log in.</summary>
internal static class ServerDirectory
{
    /// <summary>The server's log, for a failure's message; never throws.</summary>
    public static string ReadLog(string logFile)
    {
        try
        {
            return File.Exists(logFile) ? File.ReadAllText(logFile) : "(no log written)";
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }

    /// <summary>Deletes the directory; one that cannot be deleted is reported through <paramref name="log"/>, not thrown.</summary>
    public static void Delete(string root, Action<string> log)
    {
        try
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log($"Could not delete {root}: {ex.Message}");
        }
    }
}
