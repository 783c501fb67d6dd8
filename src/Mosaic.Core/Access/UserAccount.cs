namespace Mosaic.Core.Access;

/// <summary>A stored account (DESIGN §7): a role and an area scope.</summary>
/// <param name="Id">Store id (0 before it is added).</param>
/// <param name="UserName">Sign-in name, unique, compared case-insensitively.</param>
/// <param name="Role">What the user may do.</param>
/// <param name="Scope">P-code of the area subtree the user sees, or null for every area.</param>
/// <param name="PasswordHash">ASP.NET Core Identity v3 hash (PBKDF2); never the password.</param>
/// <param name="Disabled">A disabled account cannot sign in and its tokens stop working.</param>
/// <param name="CreatedAt">When the account was added (UTC).</param>
public sealed record UserAccount(long Id, string UserName, Role Role, string? Scope, string PasswordHash, bool Disabled, DateTimeOffset CreatedAt)
{
    /// <summary>The password hash never appears in logs or debugger views.</summary>
    public override string ToString() => $"{UserName} ({Roles.Code(Role)}, scope {Scope ?? "all"}{(Disabled ? ", disabled" : "")})";
}
