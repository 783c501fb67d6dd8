using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Mosaic.Server.Apis;

/// <summary><c>GET /health</c>: the only endpoint without authentication; it reveals nothing about the data.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health).AllowAnonymous().WithTags("health").WithSummary("Whether the server is up");
        return app;
    }

    public static Ok<HealthStatus> Health() => TypedResults.Ok(new HealthStatus("ok"));
}

/// <summary>The health answer.</summary>
internal sealed record HealthStatus(string Status);
