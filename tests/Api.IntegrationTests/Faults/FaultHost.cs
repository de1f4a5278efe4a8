using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>The API on its own connection string (its own pool), so a fault hits it and no other test.</summary>
public static class FaultHost
{
    /// <summary>The test run's database, with extra connection string settings.</summary>
    public static WebApplicationFactory<Program> OnTestDatabase(Action<NpgsqlConnectionStringBuilder> configure)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestEnvironment.ConnectionString);
        configure(builder);
        return On(builder.ConnectionString);
    }

    public static WebApplicationFactory<Program> On(string connectionString) =>
        TestEnvironment.Factory.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:QuickImport", connectionString)
            .UseSetting("QuickImport:MigrateOnStartup", "false"));

    public static async Task<HostAnswer> SendAsync(WebApplicationFactory<Program> host, HttpRequestMessage request, bool acceptJson = false)
    {
        if (acceptJson)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        using var client = host.CreateClient();
        using var response = await client.SendAsync(request);
        return new HostAnswer(
            new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString()),
            response.Headers.RetryAfter?.ToString());
    }
}

/// <summary>An answer with the <c>Retry-After</c> header a 503 carries.</summary>
public sealed record HostAnswer(ApiAnswer Answer, string? RetryAfter)
{
    public override string ToString() => $"{Answer} (Retry-After: {RetryAfter ?? "none"})";
}
