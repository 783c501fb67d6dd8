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
    public Task<bool> SeesAsync(IAreaStore areas, string pcode, CancellationToken cancellationToken) =>
        AccessScope.ContainsAsync(areas, Scope, pcode, cancellationToken);

    /// <summary>Whether areas are in this user's scope, for many rows: the area tree is read once (not at all without a scope).</summary>
    public async Task<Func<string, bool>> SeesManyAsync(IAreaStore areas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(areas);
        return Scope is null ? static _ => true : AccessScope.Of(await areas.AllAsync(cancellationToken: cancellationToken), Scope);
    }

    /// <summary>
    /// The area a query is limited to: the asked area when it is in scope (null when it is not: the caller answers
    /// 404, revealing nothing), the user's scope when none is asked.
    /// </summary>
    public async Task<AreaLimit> LimitAsync(IAreaStore areas, string? asked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (string.IsNullOrWhiteSpace(asked))
            return new AreaLimit(true, Scope);
        asked = asked.Trim();
        return await SeesAsync(areas, asked, cancellationToken) && await areas.GetAsync(asked, cancellationToken) is not null
            ? new AreaLimit(true, asked)
            : new AreaLimit(false, null);
    }

    /// <summary>The outcome of <see cref="LimitAsync"/>.</summary>
    /// <param name="Allowed">False when the asked area is outside the scope or unknown.</param>
    /// <param name="Pcode">The area to limit the query to (null: every area).</param>
    public readonly record struct AreaLimit(bool Allowed, string? Pcode);
}
