using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Api.IntegrationTests.Observability;

/// <summary>The Prometheus scrape at <c>/metrics</c> after real imports (docs/operations.md, "Metrics").</summary>
/// <remarks>
/// On a host of its own: a MeterProvider listens to every meter of a given name in the process, and when
/// another test host is disposed with its meters, OpenTelemetry drops the streams they shared. One host
/// per process, as in production, does not meet this.
/// </remarks>
public sealed partial class MetricsTests
{
    private ApiInstance host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = ApiInstance.Start(ApiInstanceOptions.Default);

    [OneTimeTearDown]
    public async Task StopHost() => await host.DisposeAsync();

    [Test]
    public async Task Metrics_answer_prometheus_text()
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync("/metrics");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        });
    }

    [Test]
    public async Task An_import_is_counted_by_outcome_and_matching_mode()
    {
        var account = await TestData.CreateAccountAsync();
        var created = await host.ImportAsync(account, ("email", $"{Guid.NewGuid():N}@example.com"), ("matching", "email_phone"));
        var forbidden = await host.ImportAsync(account with { Token = "no-such-token" }, ("email", "ann@example.com"), ("matching", "phone"));
        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
            Assert.That(forbidden.Status, Is.EqualTo(HttpStatusCode.Forbidden), forbidden.ToString());
        });

        var scrape = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Sample(scrape, "quickimport_imports_total", ("outcome", "created"), ("matching", "email_phone")), Is.GreaterThanOrEqualTo(1), scrape);
            Assert.That(Sample(scrape, "quickimport_imports_total", ("outcome", "403"), ("matching", "phone")), Is.GreaterThanOrEqualTo(1), scrape);
        });
    }

    [Test]
    public async Task An_import_is_counted_by_the_mode_name_it_sent_and_a_name_that_is_no_mode_as_invalid()
    {
        var account = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(account.DatabaseId, "crm_id", "string", unique: true);
        var custom = await host.ImportAsync(account, ("matching", "custom"), ("field_name", "crm_id"), ("crm_id", $"{Guid.NewGuid():N}"));
        var invalid = await host.ImportAsync(account, ("email", $"{Guid.NewGuid():N}@example.com"), ("matching", "by_email"));
        Assert.Multiple(() =>
        {
            Assert.That(custom.Status, Is.EqualTo(HttpStatusCode.OK), custom.ToString());
            Assert.That(invalid.Status, Is.EqualTo(HttpStatusCode.BadRequest), invalid.ToString());
        });

        var scrape = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Sample(scrape, "quickimport_imports_total", ("outcome", "created"), ("matching", "custom")), Is.GreaterThanOrEqualTo(1), scrape);
            Assert.That(Sample(scrape, "quickimport_imports_total", ("outcome", "400"), ("matching", "invalid")), Is.GreaterThanOrEqualTo(1), scrape);
        });
    }

    [Test]
    public async Task An_import_to_the_path_with_a_trailing_slash_is_counted_too()
    {
        var account = await TestData.CreateAccountAsync();
        using var client = host.CreateClient();
        using var response = await client.PostAsync(
            ImportApi.Path + "/",
            ImportApi.Form([("token", account.Token), ("db_id", account.DatabaseId.ToString(CultureInfo.InvariantCulture)), ("email", $"{Guid.NewGuid():N}@example.com"), ("matching", "email_sub")]));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());

        var scrape = await ScrapeAsync();

        Assert.That(Sample(scrape, "quickimport_imports_total", ("outcome", "created"), ("matching", "email_sub")), Is.GreaterThanOrEqualTo(1), scrape);
    }

    [Test]
    public async Task An_import_records_its_database_round_trips()
    {
        var account = await TestData.CreateAccountAsync();
        var created = await host.ImportAsync(account, ("email", $"{Guid.NewGuid():N}@example.com"), ("matching", "email_profile"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());

        var scrape = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Sample(scrape, "quickimport_import_db_round_trips_count", ("outcome", "created"), ("matching", "email_profile")), Is.GreaterThanOrEqualTo(1), scrape);
            // Authentication, the matching query and the insert at the very least.
            Assert.That(Sample(scrape, "quickimport_import_db_round_trips_sum", ("outcome", "created"), ("matching", "email_profile")), Is.GreaterThanOrEqualTo(3), scrape);
        });
    }

    [Test]
    public async Task An_update_with_a_subscription_takes_two_round_trips_once_the_metadata_is_cached()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId, channels: Channel.Email);
        var email = $"{Guid.NewGuid():N}@example.com";
        (string, string)[] Import(string name) =>
            [("email", email), ("matching", "email"), ("resource_id", resource.ToString(CultureInfo.InvariantCulture)), ("_fname", name)];
        // The first import loads the token, the database and the resource into the cache.
        Assert.That((await host.ImportAsync(account, Import("Ann"))).Status, Is.EqualTo(HttpStatusCode.OK));
        var before = await ScrapeAsync();

        var updated = await host.ImportAsync(account, Import("Anna"));

        Assert.That(updated.Status, Is.EqualTo(HttpStatusCode.OK), updated.ToString());
        var after = await ScrapeAsync();
        (string, string)[] series = [("outcome", "updated"), ("matching", "email")];
        Assert.Multiple(() =>
        {
            Assert.That(
                Sample(after, "quickimport_import_db_round_trips_count", series) - (SampleOrNull(before, "quickimport_import_db_round_trips_count", series) ?? 0),
                Is.EqualTo(1));
            // The tariff, the locks and the search in one; the writes in the other; then the commit.
            Assert.That(
                Sample(after, "quickimport_import_db_round_trips_sum", series) - (SampleOrNull(before, "quickimport_import_db_round_trips_sum", series) ?? 0),
                Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Request_duration_is_measured_by_route_and_status()
    {
        var account = await TestData.CreateAccountAsync();
        var created = await host.ImportAsync(account, ("email", $"{Guid.NewGuid():N}@example.com"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());

        var scrape = await ScrapeAsync();

        Assert.That(
            Sample(scrape, "http_server_request_duration_seconds_count", ("http_route", "api/integrations/any/profile_import"), ("http_response_status_code", "200")),
            Is.GreaterThanOrEqualTo(1),
            scrape);
    }

    [Test]
    public async Task The_connection_pool_is_measured()
    {
        var account = await TestData.CreateAccountAsync();
        await host.ImportAsync(account, ("email", $"{Guid.NewGuid():N}@example.com"));

        var scrape = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Sample(scrape, "db_client_connection_count", ("db_client_connection_state", "idle")), Is.GreaterThanOrEqualTo(0), scrape);
            Assert.That(Sample(scrape, "db_client_connection_max"), Is.GreaterThan(0), scrape);
        });
    }

    private async Task<string> ScrapeAsync()
    {
        using var client = host.CreateClient();
        return await client.GetStringAsync("/metrics");
    }

    /// <summary>The sum of the samples of <paramref name="name"/> that carry every given label; fails when there is none.</summary>
    private static double Sample(string scrape, string name, params (string Label, string Value)[] labels) =>
        SampleOrNull(scrape, name, labels) ?? throw new AssertionException($"no sample {name} with {string.Join(", ", labels)} in:\n{scrape}");

    /// <summary>The sum of the series' samples, or null when the scrape has none of them.</summary>
    private static double? SampleOrNull(string scrape, string name, params (string Label, string Value)[] labels)
    {
        var found = scrape.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();
        return found.Count > 0 ? found.Sum() : null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();
}
