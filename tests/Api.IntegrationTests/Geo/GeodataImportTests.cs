using System.Net;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Geo;

/// <summary>
/// docs/api.md §3, §4 through real HTTP with the real DB-IP file: an IPv4 <c>_regip</c> fills the geodata the
/// request does not send, and phone numbers without a country code are read in its country.
/// </summary>
public sealed class GeodataImportTests
{
    private const string YandexIp = "77.88.55.242";
    private const string GoogleDnsIp = "8.8.8.8";
    private const string HeiseIp = "193.99.144.80";

    private static readonly string[] GeodataFields = ["_regcountry", "_regcity", "_region", "_tz", "_postal_code"];

    private ApiInstance usDefaultHost = null!;

    [OneTimeSetUp]
    public void StartHostWithUsDefaultRegion()
    {
        GeoIpTestDatabase.EnsurePresent();
        usDefaultHost = ApiInstance.With(("QuickImport:DefaultPhoneRegion", "US"));
    }

    [OneTimeTearDown]
    public async Task StopHostWithUsDefaultRegion() => await usDefaultHost.DisposeAsync();

    [TestCase(YandexIp, "RU")]
    [TestCase(GoogleDnsIp, "US")]
    [TestCase(HeiseIp, "DE")]
    public async Task An_IPv4_registration_ip_fills_the_geodata_the_database_has(string ip, string country)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_regip", ip));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var fields = (await TestData.FindProfileAsync(answer.ProfileId))!.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["_regip"]!.GetValue<string>(), Is.EqualTo(ip));
            Assert.That(fields["_regcountry"]!.GetValue<string>(), Is.EqualTo(country));
            Assert.That(fields["_regcity"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(fields["_region"]!.GetValue<string>(), Is.Not.Empty);

            // DB-IP Lite has no postal codes or time zones today: they are filled only when it does.
            foreach (var name in new[] { "_tz", "_postal_code" }.Where(fields.ContainsKey))
            {
                Assert.That(fields[name]!.GetValue<string>(), Is.Not.Empty, name);
            }
        });
    }

    [Test]
    public async Task Geodata_the_request_sends_is_never_overwritten()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(
            account,
            ("email", "ann@example.com"),
            ("_regip", YandexIp),
            ("_regcountry", "KZ"),
            ("_regcity", "Almaty"),
            ("_tz", "Asia/Almaty"),
            ("_postal_code", "050000"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var fields = (await TestData.FindProfileAsync(answer.ProfileId))!.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["_regcountry"]!.GetValue<string>(), Is.EqualTo("KZ"));
            Assert.That(fields["_regcity"]!.GetValue<string>(), Is.EqualTo("Almaty"));
            Assert.That(fields["_tz"]!.GetValue<string>(), Is.EqualTo("Asia/Almaty"));
            Assert.That(fields["_postal_code"]!.GetValue<string>(), Is.EqualTo("050000"));
            Assert.That(fields["_region"]!.GetValue<string>(), Is.Not.Empty, "the one geodata field not sent is filled");
        });
    }

    [Test]
    public async Task An_IPv6_registration_ip_is_stored_without_geodata()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_regip", "2A02:6B8::2:242"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var fields = (await TestData.FindProfileAsync(answer.ProfileId))!.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["_regip"]!.GetValue<string>(), Is.EqualTo("2a02:6b8::2:242"));
            Assert.That(GeodataFields.Where(fields.ContainsKey), Is.Empty);
        });
    }

    [Test]
    public async Task An_address_the_database_does_not_know_leaves_the_geodata_empty()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_regip", "10.20.30.40"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var fields = (await TestData.FindProfileAsync(answer.ProfileId))!.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["_regip"]!.GetValue<string>(), Is.EqualTo("10.20.30.40"));
            Assert.That(GeodataFields.Where(fields.ContainsKey), Is.Empty);
        });
    }

    [TestCase("77.88.55.256")]
    [TestCase("77.88.55")]
    [TestCase("yandex.ru")]
    [TestCase("77.88.55.242:443")]
    public async Task An_invalid_registration_ip_is_a_400_naming_it(string ip)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_regip", ip));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.Body, Does.StartWith("Bad request, please verify request parameters"));
            Assert.That(answer.Body, Does.Contain("_regip"));
        });
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task A_national_phone_number_is_read_in_the_country_of_a_Russian_registration_ip()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await usDefaultHost.ImportAsync(
            account, ("matching", "phone"), ("phone", "8 (495) 123-45-67"), ("_regip", YandexIp));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored!.Phones, Is.EqualTo(new[] { "+74951234567" }));
    }

    [Test]
    public async Task Without_a_registration_ip_the_same_number_is_read_in_the_default_region()
    {
        var account = await TestData.CreateAccountAsync();

        // The US default region reads "8 (495) ..." as a US national number, and there is no such number.
        var answer = await usDefaultHost.ImportAsync(account, ("matching", "phone"), ("phone", "8 (495) 123-45-67"));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.Body, Does.EndWith("phone: '8 (495) 123-45-67' is not a valid phone number"));
        });
    }

    [Test]
    public async Task A_national_phone_number_is_read_in_the_country_of_a_German_registration_ip()
    {
        var account = await TestData.CreateAccountAsync();

        // The test host's default region is RU: only the registration IP makes this a Berlin number.
        var answer = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "030 12345678"), ("_regip", HeiseIp));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored!.Phones, Is.EqualTo(new[] { "+493012345678" }));
    }

    [Test]
    public async Task Matching_by_phone_finds_the_profile_by_the_number_read_in_the_registration_ips_country()
    {
        var account = await TestData.CreateAccountAsync();
        var created = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+49 30 12345678"), ("_fname", "Anna"));

        var matched = await ImportApi.ImportAsync(
            account,
            ("matching", "phone"),
            ("phone", "030 12345678"),
            ("_regip", HeiseIp),
            ("_lname", "Schmidt"));

        Assert.That(matched.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
    }
}
