using System.Security.Cryptography;
using System.Text;

namespace QuickImport.Domain.Accounts;

/// <summary>API token secrets: 160 random bits as 40 hex digits, kept only as a SHA-256 hash.</summary>
public static class ApiTokenSecret
{
    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
