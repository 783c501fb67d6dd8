namespace Mosaic.Core.Access;

/// <summary>A new API token: its secret is shown once and stored only as a hash.</summary>
public sealed record IssuedToken(UserAccount User, ApiTokenInfo Token, string Secret);
