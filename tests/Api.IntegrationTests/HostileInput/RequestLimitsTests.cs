using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// docs/operations.md "Request limits": the limits come from <c>QuickImport:RequestLimits</c>, are
/// checked when the service starts, and Kestrel is given its share of them.
/// </summary>
public sealed class RequestLimitsTests
{
    private const string Section = "QuickImport:RequestLimits";

    [Test]
    public async Task Configured_limits_replace_the_defaults()
    {
        var account = await TestData.CreateAccountAsync();

        // A token is 40 characters: the smallest value limit it fits.
        await using var api = ApiInstance.With(
            ($"{Section}:MaxParameters", "5"), ($"{Section}:MaxValueLength", "40"), ($"{Section}:MaxNameLength", "64"), ($"{Section}:MaxBodyBytes", "2048"));

        var atLimits = await api.ImportAsync(account, ("email", "a@b.example"), ("_fname", new string('a', 40)), (new string('n', 64), string.Empty));
        var tooMany = await api.ImportAsync(account, ("email", "a@b.example"), ("_fname", "Ann"), ("_lname", "Lee"), ("_mname", "Mae"));
        var tooLong = await api.ImportAsync(account, ("email", "a@b.example"), ("_fname", new string('a', 41)));
        var nameTooLong = await api.ImportAsync(account, ("email", "a@b.example"), (new string('n', 65), "x"));
        var tooLarge = await api.SendAsync(ApiInstance.Post(ImportApi.Path, [("token", account.Token), ("db_id", ApiInstance.Id(account.DatabaseId)), ("pad", new string('a', 2048))]));

        Assert.Multiple(() =>
        {
            Assert.That(atLimits.ToString(), Does.StartWith("400 Bad request, please verify request parameters: nnnn"), "at the limits the request is read: its long name is an unknown field");
            Assert.That(tooMany.ToString(), Does.StartWith("400 Bad request, please verify request parameters: the request sends 6 parameters, over the limit of 5"));
            Assert.That(tooLong.ToString(), Does.StartWith("400 Bad request, please verify request parameters: '_fname' is 41 characters long, over the limit of 40"));
            Assert.That(nameTooLong.ToString(), Does.StartWith("400 Bad request, please verify request parameters: a parameter name is 65 characters long, over the limit of 64"));
            Assert.That(tooLarge.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), tooLarge.Body);
            Assert.That(tooLarge.Body, Does.StartWith("Request body too large"));
        });
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task Kestrel_is_given_the_configured_limits()
    {
        await using var api = ApiInstance.With(
            ($"{Section}:MaxBodyBytes", "4096"),
            ($"{Section}:MinBodyDataRate", "500"),
            ($"{Section}:BodyDataRateGracePeriod", "00:00:03"),
            ($"{Section}:RequestHeadersTimeout", "00:00:07"),
            ($"{Section}:MaxRequestLineBytes", "2048"),
            ($"{Section}:MaxHeaderBytes", "16384"));

        var kestrel = api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Multiple(() =>
        {
            Assert.That(kestrel.MaxRequestBodySize, Is.EqualTo(4096));
            Assert.That(kestrel.MinRequestBodyDataRate!.BytesPerSecond, Is.EqualTo(500));
            Assert.That(kestrel.MinRequestBodyDataRate.GracePeriod, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(kestrel.RequestHeadersTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(kestrel.MaxRequestLineSize, Is.EqualTo(2048));
            Assert.That(kestrel.MaxRequestHeadersTotalSize, Is.EqualTo(16384));
        });
    }

    [Test]
    public async Task A_minimum_body_data_rate_of_zero_turns_the_check_off()
    {
        await using var api = ApiInstance.With(($"{Section}:MinBodyDataRate", "0"));

        Assert.That(api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate, Is.Null);
    }

    [TestCase("MaxBodyBytes", "0")]
    [TestCase("MaxBodyBytes", "-1")]
    [TestCase("MaxParameters", "0")]
    [TestCase("MaxNameLength", "63")]
    [TestCase("MaxValueLength", "0")]
    [TestCase("MinBodyDataRate", "-1")]
    [TestCase("BodyDataRateGracePeriod", "00:00:01")]
    [TestCase("RequestHeadersTimeout", "00:00:00")]
    [TestCase("MaxRequestLineBytes", "100")]
    [TestCase("MaxHeaderBytes", "100")]
    public async Task A_limit_out_of_its_range_stops_the_start(string name, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ApiInstance.With(($"{Section}:{name}", value)));

        Assert.That(error!.Message, Does.Contain(name));
    }
}
