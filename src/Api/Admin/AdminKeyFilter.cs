using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using QuickImport.Api.Binding;

namespace QuickImport.Api.Admin;

/// <summary>
/// Lets an admin call through only with <c>Authorization: Bearer &lt;admin key&gt;</c>, compared in
/// constant time. With no key configured the admin API does not exist (404).
/// </summary>
public sealed class AdminKeyFilter(IOptions<AdminApiOptions> options) : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (string.IsNullOrEmpty(options.Value.AdminKey))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var sent = BearerToken.From(context.HttpContext.Request);
        if (sent is null || !CryptographicOperations.FixedTimeEquals(Digest(sent), Digest(options.Value.AdminKey)))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            context.Result = new ObjectResult(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "the admin API needs 'Authorization: Bearer <admin key>'",
            })
            { StatusCode = StatusCodes.Status401Unauthorized };
        }
    }

    // Digests have one length, so the comparison time does not depend on the key's length either.
    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
