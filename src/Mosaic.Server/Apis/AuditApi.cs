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

    public static Ok<List<AuditEntry>> List(MosaicDatabase database, int? limit = null)
    {
        using var store = database.Open();
        return TypedResults.Ok(store.AuditLog.Read(Math.Clamp(limit ?? 200, 1, 10_000)).ToList());
    }
}
