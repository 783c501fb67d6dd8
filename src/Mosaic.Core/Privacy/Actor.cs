using Mosaic.Core.Access;
namespace Mosaic.Core.Privacy;

/// <summary>Who asks: a user, their role, and the area subtree they may see.</summary>
/// <param name="User">The user name (the operating-system user for the CLI).</param>
/// <param name="Role">The user's role.</param>
/// <param name="AreaScope">P-code of the area whose subtree the user sees, or null for every area.</param>
public sealed record Actor(string User, Role Role, string? AreaScope);
