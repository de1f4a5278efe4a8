namespace QuickImport.Application.Tokens.CreateToken;

/// <summary>A new token, with its secret: the only time the secret is shown.</summary>
public sealed record CreatedToken(int Id, string Name, string Token);
