using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Indicators.Expressions;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Tabulation.Output;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>
/// Tabulations: any indicator by chosen dimensions, through the same engine and disclosure control as
/// <c>mosaic tabulate</c>, limited to the user's scope. The minimum cell size can be raised, never lowered. Users who
/// may not read personal data get counts and shares through cell-key perturbation (<see cref="OpenQueries"/>).
/// </summary>
internal static class TabulationsApi
{
    private static readonly string[] s_formats = ["json", "csv", "hxl", "xlsx"];

    public static RouteGroupBuilder MapTabulationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tabulations", Tabulate).WithTags("tabulations").RequireCapability(Capability.ReadAggregates)
            .WithSummary("An indicator by dimensions (by=adm4,sex), within your scope, with disclosure control; format json, csv, hxl or xlsx");
        return api;
    }

    public static async Task<IResult> Tabulate(
        HttpContext http, MosaicDatabase database, TabulationCache cache,
        string indicator, string? by = null, string? area = null, string? format = null, [FromQuery(Name = "min_cell")] int? minCell = null, [FromQuery(Name = "age_bands")] string? ageBands = null)
    {
        var user = CurrentUser.From(http.User);
        format = (format ?? "json").ToLowerInvariant();
        if (!s_formats.Contains(format))
            return Problems.BadRequest($"format must be one of {string.Join(", ", s_formats)} (got '{format}')");
        if (format != "json" && !user.Can(Capability.ExportTables))
            return Problems.Forbidden("your role may view tables but not download them");
        var k = minCell ?? DisclosureRule.DefaultMinimumContributors;
        if (k < DisclosureRule.DefaultMinimumContributors)
            return Problems.BadRequest($"min_cell cannot be lowered below {DisclosureRule.DefaultMinimumContributors} through the API");
        var dims = (by ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        var store = await database.ForRequestAsync(http);
        var cancel = http.RequestAborted;
        var limit = await user.LimitAsync(store.Areas, area, cancel);
        if (!limit.Allowed)
            return Problems.AreaNotFound(area!);
        var definition = IndicatorCatalogue.Shipped.Find(indicator);
        if (definition is null)
            return Problems.BadRequest($"unknown indicator '{indicator}' (GET /api/indicators lists them)");
        // The version first: the table is cached under it (TabulationCache), and the snapshot is at least as new.
        var version = await store.Registry.CurrentVersionAsync(cancel);
        // The snapshot is read for its record keys only when perturbation would protect this table.
        var method = OpenQueries.MethodFor(user.Role, definition, () => true) == DisclosureMethod.Perturbation
            ? OpenQueries.MethodFor(user.Role, definition, (await database.Snapshots.GetAsync(store, cancel)).HasRecordKeys)
            : DisclosureMethod.Suppression;
        var key = string.Join('\u001f', indicator, string.Join(',', dims), limit.Pcode ?? "", format, k, ageBands ?? "", method);
        try
        {
            var table = await cache.GetOrAddAsync(version, key, async () =>
            {
                var policy = await AgeBandPolicies.ReadAsync(store, cancel);
                var request = new TabulationRequest(indicator, dims)
                {
                    AreaPcode = limit.Pcode,
                    MinimumCellSize = k,
                    Method = method,
                    AgeBands = policy.Resolve(ageBands),
                    BaseAgeBands = policy.Base,
                };
                return Render(await CountAsync(database, store, request, cancel), format);
            });
            return table.FileName is null
                ? TypedResults.Bytes(table.Content, table.ContentType)
                : TypedResults.File(table.Content, table.ContentType, table.FileName);
        }
        catch (Exception ex) when (ex is TabulationException or IndicatorCatalogueException or ExpressionException or FormatException or ArgumentException)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    /// <summary>
    /// As <c>mosaic tabulate</c> counts: by the store itself where it can (PostgreSQL, <see cref="PushdownTabulator"/>:
    /// the same table, assembled and protected in Core), otherwise over the shared snapshot in memory.
    /// </summary>
    private static async Task<TabulationResult> CountAsync(MosaicDatabase database, Mosaic.Core.Storage.IMosaicStore store, TabulationRequest request,
        CancellationToken cancellationToken) =>
        await PushdownTabulator.TryTabulateAsync(store, IndicatorCatalogue.Shipped, request, cancellationToken)
        ?? new Tabulator(await database.Snapshots.GetAsync(store, cancellationToken), IndicatorCatalogue.Shipped).Tabulate(request);

    private static RenderedTable Render(TabulationResult result, string format)
    {
        var name = result.Indicator.Id + "_by_" + string.Join('_', result.Dimensions.Select(d => d.Name));
        using var buffer = new MemoryStream();
        switch (format)
        {
            case "xlsx":
                XlsxTableWriter.Write(result, buffer);
                return new RenderedTable(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
            case "csv" or "hxl":
                using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
                    CsvTableWriter.Write(result, writer, hxl: format == "hxl");
                return new RenderedTable(buffer.ToArray(), "text/csv; charset=utf-8", name + (format == "hxl" ? ".hxl.csv" : ".csv"));
            default:
                JsonTableWriter.Write(result, buffer);
                return new RenderedTable(buffer.ToArray(), "application/json", null);
        }
    }
}
