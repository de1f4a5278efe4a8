using System.Net;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Admin;

/// <summary>docs/api.md §2: the admin API's errors are RFC 7807 problem details.</summary>
public static class ProblemDetailsAssert
{
    public const string MediaType = "application/problem+json";

    public static void IsProblem(AdminAnswer answer, HttpStatusCode status)
    {
        Assert.That(answer.Status, Is.EqualTo(status), answer.ToString());
        Assert.That(answer.MediaType, Is.EqualTo(MediaType), answer.ToString());
        var body = answer.Object;
        Assert.That(body["status"]?.GetValue<int>(), Is.EqualTo((int)status), answer.ToString());
        Assert.That(body["title"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, answer.ToString());
    }
}
