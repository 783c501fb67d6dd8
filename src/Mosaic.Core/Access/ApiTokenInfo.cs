namespace Mosaic.Core.Access;

/// <summary>A stored API token, described (the secret itself is never stored, only its SHA-256).</summary>
/// <param name="Id">Store id.</param>
/// <param name="UserId">Owner.</param>
/// <param name="Name">What the token is for, e.g. <c>nightly-export</c>.</param>
/// <param name="CreatedAt">When it was issued (UTC).</param>
/// <param name="Revoked">A revoked token authenticates nothing.</param>
public sealed record ApiTokenInfo(long Id, long UserId, string Name, DateTimeOffset CreatedAt, bool Revoked);
