namespace Mosaic.Core.Access;

/// <summary>An added account, and its generated password when one was generated (shown once, stored only hashed).</summary>
public sealed record AddedUser(UserAccount User, string? GeneratedPassword);
