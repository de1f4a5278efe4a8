using System.Net.Http.Headers;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>Headers a client adds to a request.</summary>
public static class RequestHeaders
{
    public static HttpRequestMessage WithHeader(this HttpRequestMessage request, string name, string value)
    {
        request.Headers.Add(name, value);
        return request;
    }

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
