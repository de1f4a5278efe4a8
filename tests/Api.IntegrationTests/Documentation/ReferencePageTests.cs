using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QuickImport.Api.IntegrationTests.Documentation;

/// <summary>The interactive reference page at /docs (Scalar), served without any CDN.</summary>
public sealed partial class ReferencePageTests
{
    [Test]
    public async Task The_reference_page_is_HTML()
    {
        using var client = TestEnvironment.Api.CreateClient();
        using var response = await client.GetAsync(new Uri("/docs", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("<html").IgnoreCase);
        Assert.That(html, Does.Contain("openapi/v1.json"), "the page reads the document the service generates");
    }

    [Test]
    public async Task The_reference_path_without_its_slash_redirects_with_a_body_that_links_the_page()
    {
        using var client = TestEnvironment.Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/docs", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/docs/"));
            Assert.That(body, Does.Contain("<a href=\"/docs/\">/docs/</a>"), "what curl shows");
            Assert.That(body, Does.Contain("/openapi/v1.json"));
        });
    }

    [Test]
    public async Task The_reference_page_loads_its_scripts_from_the_service_itself()
    {
        using var client = TestEnvironment.Api.CreateClient();
        var html = await client.GetStringAsync(new Uri("/docs", UriKind.Relative));

        var sources = Source().Matches(html).Select(m => m.Groups["url"].Value).ToList();

        Assert.That(sources, Is.Not.Empty, html);
        foreach (var source in sources)
        {
            Assert.That(source, Does.Not.StartWith("http").And.Not.StartWith("//"), "no CDN: the page must work offline");
            using var response = await client.GetAsync(new Uri(new Uri("http://localhost/docs/"), source));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), source);
            Assert.That((await response.Content.ReadAsByteArrayAsync()).Length, Is.GreaterThan(1_000), source);
        }

        // The reference itself (Scalar's bundle, megabytes of JavaScript) comes from the package.
        using var bundle = await client.GetAsync(new Uri("/docs/scalar.js", UriKind.Relative));
        Assert.That(bundle.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await bundle.Content.ReadAsByteArrayAsync()).Length, Is.GreaterThan(500_000));
    }

    [GeneratedRegex("""<(?:script|link)[^>]*\s(?:src|href)\s*=\s*["'](?<url>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Source();
}
