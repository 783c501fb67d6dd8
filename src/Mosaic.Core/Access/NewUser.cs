namespace Mosaic.Core.Access;

/// <summary>An account to add.</summary>
/// <param name="UserName">Sign-in name.</param>
/// <param name="Role">What the user may do.</param>
/// <param name="Scope">P-code of the area subtree the user sees; null for every area.</param>
/// <param name="Password">The password, or null to generate one (returned once).</param>
public sealed record NewUser(string UserName, Role Role, string? Scope, string? Password);
