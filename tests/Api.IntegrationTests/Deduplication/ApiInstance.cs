using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Deduplication;

/// <summary>
/// One more instance of the API on the test run's PostgreSQL database, with its own settings (the
/// run's main instance has deduplication off and no rate limit). Two of them stand for two instances
/// behind a load balancer: they share nothing but the database.
/// </summary>
public sealed class ApiInstance : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly HttpClient client;

    private ApiInstance(WebApplicationFactory<Program> factory)
    {
        this.factory = factory;
        client = factory.CreateClient();
    }

    public IServiceProvider Services => factory.Services;

    public HttpClient CreateClient() => factory.CreateClient();

    /// <summary>An instance with the given configuration settings (full keys, e.g. <c>QuickImport:RateLimit:PermitLimit</c>).</summary>
    public static ApiInstance With(params (string Key, string Value)[] settings) =>
        new(TestEnvironment.Factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }));

    /// <summary>An instance with deduplication on and these <c>QuickImport:Deduplication</c> settings.</summary>
    public static ApiInstance WithDeduplication(params (string Name, string Value)[] settings) =>
        With([("QuickImport:Deduplication:Enabled", "true"), .. settings.Select(s => ($"QuickImport:Deduplication:{s.Name}", s.Value))]);

    /// <summary>A form import with the account's token and database in the body, as <see cref="ImportApi.ImportAsync"/> sends it.</summary>
    public static HttpRequestMessage Import(TestAccount account, params (string Name, string Value)[] parameters) =>
        Post(ImportApi.Path, [("token", account.Token), ("db_id", Id(account.DatabaseId)), .. parameters]);

    public static HttpRequestMessage Post(string pathAndQuery, IEnumerable<(string Name, string Value)> form) =>
        new(HttpMethod.Post, pathAndQuery) { Content = ImportApi.Form(form) };

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public async Task<InstanceAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var headers = response.Headers
                .Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            return new InstanceAnswer(
                response.StatusCode,
                await response.Content.ReadAsStringAsync(cancellationToken),
                response.Content.Headers.ContentType?.ToString(),
                headers);
        }
    }

    public Task<InstanceAnswer> ImportAsync(TestAccount account, params (string Name, string Value)[] parameters) =>
        SendAsync(Import(account, parameters));

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }
}
