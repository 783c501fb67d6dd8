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

    public static async Task<Ok<List<AreaView>>> List(HttpContext http, MosaicDatabase database, int? level = null, string? parent = null)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        return TypedResults.Ok((await InScope(store.Areas, user, withBoundaries: true, http.RequestAborted))
            .Where(a => (level is null || a.Level == level) && (parent is null || string.Equals(a.ParentPcode, parent, StringComparison.OrdinalIgnoreCase)))
            .Select(AreaView.Of).ToList());
    }

    public static async Task<Results<Ok<AreaDetail>, ProblemHttpResult>> Get(string pcode, HttpContext http, MosaicDatabase database)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        var cancel = http.RequestAborted;
        var area = await store.Areas.GetAsync(pcode, cancel);
        if (area is null || !await user.SeesAsync(store.Areas, area.Pcode, cancel))
            return Problems.AreaNotFound(pcode);
        var children = (await store.Areas.AllAsync(cancellationToken: cancel)).Where(a => a.ParentPcode == area.Pcode).Select(AreaView.Of).ToList();
        var path = new List<AreaView>();
        for (var a = area; a is not null && await user.SeesAsync(store.Areas, a.Pcode, cancel);
             a = a.ParentPcode is null ? null : await store.Areas.GetAsync(a.ParentPcode, cancel))
            path.Insert(0, AreaView.Of(a));
        return TypedResults.Ok(new AreaDetail(AreaView.Of(area), path, children));
    }

    public static async Task<IResult> Boundaries(HttpContext http, MosaicDatabase database, int? level = null)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        var areas = (await InScope(store.Areas, user, withBoundaries: true, http.RequestAborted)).Where(a => level is null || a.Level == level).ToList();
        var buffer = new MemoryStream();
        AreaGeoJson.Write(areas, buffer);
        return TypedResults.Bytes(buffer.ToArray(), "application/geo+json");
    }

    private static Task<IReadOnlyList<Area>> InScope(Core.Storage.IAreaStore areas, CurrentUser user, bool withBoundaries, CancellationToken cancellationToken) =>
        user.Scope is null ? areas.AllAsync(withBoundaries, cancellationToken) : areas.SubtreeAsync(user.Scope, withBoundaries, cancellationToken);
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
