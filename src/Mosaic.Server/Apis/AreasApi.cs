using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Areas;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>The area tree within the user's scope, and its boundaries as GeoJSON.</summary>
public static class AreasApi
{
    public static RouteGroupBuilder MapAreasApi(this RouteGroupBuilder api)
    {
        var areas = api.MapGroup("/areas").WithTags("areas").RequireCapability(Capability.ReadAggregates);
        areas.MapGet("/", List).WithSummary("Areas in your scope, optionally of one level or under one parent");
        areas.MapGet("/boundaries", Boundaries).WithSummary("Boundaries of areas in your scope as a GeoJSON FeatureCollection");
        areas.MapGet("/{pcode}", Get).WithSummary("One area with its children and its path from your scope's root");
        return api;
    }

    public static Ok<List<AreaView>> List(HttpContext http, MosaicDatabase database, int? level = null, string? parent = null)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        return TypedResults.Ok(InScope(store.Areas, user, withBoundaries: true)
            .Where(a => (level is null || a.Level == level) && (parent is null || string.Equals(a.ParentPcode, parent, StringComparison.OrdinalIgnoreCase)))
            .Select(AreaView.Of).ToList());
    }

    public static Results<Ok<AreaDetail>, ProblemHttpResult> Get(string pcode, HttpContext http, MosaicDatabase database)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        var area = store.Areas.Get(pcode);
        if (area is null || !user.Sees(store.Areas, area.Pcode))
            return Problems.AreaNotFound(pcode);
        var children = store.Areas.All().Where(a => a.ParentPcode == area.Pcode).Select(AreaView.Of).ToList();
        var path = new List<AreaView>();
        for (var a = area; a is not null && user.Sees(store.Areas, a.Pcode); a = a.ParentPcode is null ? null : store.Areas.Get(a.ParentPcode))
            path.Insert(0, AreaView.Of(a));
        return TypedResults.Ok(new AreaDetail(AreaView.Of(area), path, children));
    }

    public static IResult Boundaries(HttpContext http, MosaicDatabase database, int? level = null)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        var areas = InScope(store.Areas, user, withBoundaries: true).Where(a => level is null || a.Level == level).ToList();
        var buffer = new MemoryStream();
        AreaGeoJson.Write(areas, buffer);
        return TypedResults.Bytes(buffer.ToArray(), "application/geo+json");
    }

    private static IReadOnlyList<Area> InScope(Core.Storage.IAreaStore areas, CurrentUser user, bool withBoundaries) =>
        user.Scope is null ? areas.All(withBoundaries) : areas.Subtree(user.Scope, withBoundaries);
}

/// <summary>An area without its boundary (but whether it has one, so a map knows what it can draw).</summary>
public sealed record AreaView(string Pcode, string Name, int Level, string? ParentPcode, bool HasBoundary)
{
    public static AreaView Of(Area area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return new AreaView(area.Pcode, area.Name, area.Level, area.ParentPcode, area.Boundary is not null);
    }
}

/// <summary>An area, its path from the user's scope root (root first, itself last) and its children.</summary>
public sealed record AreaDetail(AreaView Area, IReadOnlyList<AreaView> Path, IReadOnlyList<AreaView> Children);
