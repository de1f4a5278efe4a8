using System.Diagnostics;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Documentation;

/// <summary>
/// The reference page in a real browser: the API on a real Kestrel port, Debian's headless Chromium
/// takes a screenshot of the import operation (scripts/test.sh installs Chromium when missing and it may;
/// without it this test is skipped).
/// </summary>
public sealed class ReferencePageScreenshotTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task Chromium_renders_the_import_operation()
    {
        if (!File.Exists(Chromium))
        {
            // Only this test needs a browser; the page itself is tested without one (ReferencePageTests).
            Assert.Ignore($"Skipped: {Chromium} is missing. scripts/test.sh installs it (apt-get install chromium fonts-dejavu-core) when run as root.");
        }

        await using var api = ApiInstance.Start(ApiInstanceOptions.Default.OnRealKestrel());
        var page = new Uri(api.Address, "/docs/");

        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var screenshot = Path.Combine(folder, "openapi-import.png");
        File.Delete(screenshot);
        var profile = Directory.CreateTempSubdirectory("quickimport-chromium-");
        try
        {
            // What the browser built from the page: Scalar rendered the document, import operation included.
            var (_, dom) = await RunAsync(Chromium, [.. Options(profile.FullName), "--dump-dom", page.ToString()]);
            Assert.That(dom, Does.Contain("Quick profile import"), "the rendered page shows the import operation");
            Assert.That(dom, Does.Contain("/api/integrations/any/profile_import"));
            Assert.That(dom, Does.Contain("Successfully added"));

            // The page from its top (the headless screenshot of a #tag/... anchor paints the scrolled-away
            // part blank): the introduction, then the import operation with its parameters and answers.
            var (exitCode, output) = await RunAsync(Chromium, [.. Options(profile.FullName), $"--screenshot={screenshot}", page.ToString()]);

            Assert.That(File.Exists(screenshot), $"no screenshot (chromium exited with {exitCode}):\n{output}");
            TestContext.AddTestAttachment(screenshot, "the reference page on the import operation");
            var bytes = await File.ReadAllBytesAsync(screenshot);
            Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
            Assert.That(bytes, Has.Length.GreaterThan(20_000), "a blank page compresses to a few KB: the page did not render");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string[] Options(string userDataDirectory) =>
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        $"--user-data-dir={userDataDirectory}",
        "--window-size=1400,2000",
        "--hide-scrollbars",
        "--virtual-time-budget=10000",
    ];

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new AssertionException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish in 120 s");
        }

        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }
}
