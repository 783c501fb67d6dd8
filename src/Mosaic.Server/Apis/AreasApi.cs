using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Areas;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>The area tree within the user's scope, and its boundaries as GeoJSON.</summary>
internal static class AreasApi
{
    public static RouteGroupBuilder MapAreasApi(this RouteGroupBuilder api)
    {
        var areas = api.MapGroup("/areas").WithTags("areas").RequireCapability(Capability.ReadAggregates);
        areas.MapGet("/", List).WithSummary("Areas in your scope, optionally of one level or under one parent");
        areas.MapGet("/boundaries", Boundaries).WithSummary("Boundaries of areas in your scope as a GeoJSON FeatureCollection");
        areas.MapGet("/{pcode}", Get).WithSummary("One area with its children and its path from your scope's root");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<AreaReport>>> List(HttpContext http, MosaicDatabase database, int? level = null, string? parent = null)
    {
        var user = CurrentUser.From(http.User);
        return TypedResults.Ok(await AreaBrowsing.ListAsync((await database.ForRequestAsync(http)).Areas, user.Scope, level, parent, http.RequestAborted));
    }

    public static async Task<Results<Ok<AreaDetailReport>, ProblemHttpResult>> Get(string pcode, HttpContext http, MosaicDatabase database)
    {
        var user = CurrentUser.From(http.User);
        return await AreaBrowsing.DetailAsync((await database.ForRequestAsync(http)).Areas, user.Scope, pcode, http.RequestAborted) is { } detail
            ? TypedResults.Ok(detail)
            : Problems.AreaNotFound(pcode);
    }

    public static async Task<IResult> Boundaries(HttpContext http, MosaicDatabase database, int? level = null)
    {
        var user = CurrentUser.From(http.User);
        var store = await database.ForRequestAsync(http);
        var areas = (await AreaBrowsing.InScopeAsync(store.Areas, user.Scope, withBoundaries: true, http.RequestAborted)).Where(a => level is null || a.Level == level).ToList();
        var buffer = new MemoryStream();
        AreaGeoJson.Write(areas, buffer);
        return TypedResults.Bytes(buffer.ToArray(), "application/geo+json");
    }
}
