using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mosaic.Server.Dashboard;

/// <summary>Serves the dashboard: <c>/</c> is its page, <c>/assets/…</c> its scripts and styles (public: they hold no data).</summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http, DashboardAssets assets) => Serve(http, assets, "index.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/assets/{**path}", (string path, HttpContext http, DashboardAssets assets) => Serve(http, assets, "assets/" + path))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext http, DashboardAssets assets, string path)
    {
        if (assets.Find(path) is not { } asset)
            return TypedResults.NotFound();
        http.Response.Headers.ETag = asset.ETag;
        // The page itself is revalidated on every load, so a rebuilt dashboard shows at once; assets are cached briefly.
        http.Response.Headers.CacheControl = path == "index.html" ? "no-cache" : "public, max-age=300";
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }
}
