using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Audit;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>The personal-data audit log, for administrators.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List).WithTags("audit").RequireCapability(Capability.ReadAuditLog)
            .WithSummary("Reads and exports of personal data, newest first");
        return api;
    }

    public static async Task<Ok<List<AuditEntry>>> List(MosaicDatabase database, CancellationToken cancellationToken, int? limit = null)
    {
        using var store = await database.OpenAsync(cancellationToken);
        return TypedResults.Ok((await store.AuditLog.ReadAsync(Math.Clamp(limit ?? 200, 1, 10_000), cancellationToken)).ToList());
    }
}
