using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>Imports through a host configured differently from the shared one (its own settings, same PostgreSQL).</summary>
public static class HostImportApi
{
    public static async Task<ApiAnswer> ImportAsync(
        WebApplicationFactory<Program> host,
        TestAccount account,
        params (string Name, string Value)[] parameters)
    {
        using var client = host.CreateClient();
        using var content = ImportApi.Form(
            [("token", account.Token), ("db_id", account.DatabaseId.ToString(CultureInfo.InvariantCulture)), .. parameters]);
        using var response = await client.PostAsync(ImportApi.Path, content);
        return new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }
}
