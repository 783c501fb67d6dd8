using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Mosaic.Core.Access;

namespace Mosaic.Server.Infrastructure;

/// <summary>One authorization policy per <see cref="Capability"/>, granted by the role table in <see cref="Roles.Allows"/>.</summary>
internal static class CapabilityPolicies
{
    public static string Name(Capability capability) => "capability:" + capability;

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var capability in Enum.GetValues<Capability>())
        {
            options.AddPolicy(Name(capability), p => p.RequireAuthenticatedUser().RequireAssertion(context =>
                Roles.TryParse(context.User.FindFirstValue(ClaimTypes.Role), out var role) && Roles.Allows(role, capability)));
        }
    }

    /// <summary>Requires a signed-in user whose role has the capability.</summary>
    public static TBuilder RequireCapability<TBuilder>(this TBuilder builder, Capability capability) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Name(capability));
}
