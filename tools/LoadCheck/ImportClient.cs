using System.Diagnostics;

namespace QuickImport.Tools.LoadCheck;

/// <summary>Sends imports as a form body, the way a website form does, and times them.</summary>
internal sealed class ImportClient(HttpClient http)
{
    public const string Path = "/api/integrations/any/profile_import";

    public async Task<ImportAnswer> SendAsync(ImportRequest request, Stopwatch phaseClock)
    {
        var started = phaseClock.Elapsed;
        try
        {
            using var content = new FormUrlEncodedContent(request.Parameters);
            using var response = await http.PostAsync(Path, content);
            var body = await response.Content.ReadAsStringAsync();
            return new ImportAnswer(request, (int)response.StatusCode, body, started, phaseClock.Elapsed - started);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new ImportAnswer(request, 0, exception.Message, started, phaseClock.Elapsed - started);
        }
    }
}
