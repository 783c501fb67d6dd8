using System.Globalization;
using System.Security.Claims;
using Mosaic.Core.Access;
using Mosaic.Core.Storage;

namespace Mosaic.Server.Infrastructure;

/// <summary>The signed-in user of a request, read from its claims.</summary>
/// <param name="Id">Account id.</param>
/// <param name="UserName">Sign-in name.</param>
/// <param name="Role">What the user may do.</param>
/// <param name="Scope">P-code of the area subtree the user sees, or null for every area.</param>
internal sealed record CurrentUser(long Id, string UserName, Role Role, string? Scope)
{
    /// <summary>The user of an authenticated principal (the authorization policies guarantee one on every data endpoint).</summary>
    public static CurrentUser From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("the request is not authenticated");
        if (!Roles.TryParse(principal.FindFirstValue(ClaimTypes.Role), out var role))
            throw new InvalidOperationException("the principal has no known role");
        return new CurrentUser(long.Parse(id, CultureInfo.InvariantCulture), principal.Identity!.Name!, role, principal.FindFirstValue(MosaicClaims.Scope));
    }

    /// <summary>Whether the user's role has the capability.</summary>
    public bool Can(Capability capability) => Roles.Allows(Role, capability);

    /// <summary>The user as the audited door for personal data sees them: name, role and area scope.</summary>
    public Core.Privacy.Actor Actor => new(UserName, Role, Scope);

    /// <summary>Whether an area is in this user's scope.</summary>
    public bool Sees(IAreaStore areas, string pcode) => AccessScope.Contains(areas, Scope, pcode);

    /// <summary>
    /// The area a query is limited to: the asked area when it is in scope (null when it is not: the caller answers
    /// 404, revealing nothing), the user's scope when none is asked.
    /// </summary>
    public AreaLimit Limit(IAreaStore areas, string? asked)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (string.IsNullOrWhiteSpace(asked))
            return new AreaLimit(true, Scope);
        asked = asked.Trim();
        return Sees(areas, asked) && areas.Get(asked) is not null ? new AreaLimit(true, asked) : new AreaLimit(false, null);
    }

    /// <summary>The outcome of <see cref="Limit"/>.</summary>
    /// <param name="Allowed">False when the asked area is outside the scope or unknown.</param>
    /// <param name="Pcode">The area to limit the query to (null: every area).</param>
    public readonly record struct AreaLimit(bool Allowed, string? Pcode);
}
