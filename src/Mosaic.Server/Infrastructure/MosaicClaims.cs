using System.Security.Claims;
using Mosaic.Core.Access;

namespace Mosaic.Server.Infrastructure;

/// <summary>The claims a signed-in principal carries: id, name, role code and area scope.</summary>
internal static class MosaicClaims
{
    public const string Scope = "mosaic:scope";

    /// <summary>A principal for an account, under the given authentication scheme.</summary>
    public static ClaimsPrincipal Principal(UserAccount user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, Roles.Code(user.Role)),
        ];
        if (user.Scope is not null)
            claims.Add(new Claim(Scope, user.Scope));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
