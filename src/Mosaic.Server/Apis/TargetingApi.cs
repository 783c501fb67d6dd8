using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Application;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Targeting;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>
/// Target lists: ranked, explained households by count or budget with quotas per area, within the user's scope; the
/// list carries household codes, areas, scores and explanations, never names or phones. JSON, CSV or XLSX.
/// </summary>
internal static class TargetingApi
{
    public static RouteGroupBuilder MapTargetingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/targeting", Run).WithTags("targeting").RequireCapability(Capability.RunTargeting)
            .WithSummary("A ranked target list (count=N, or budget=B and transfer=T; quota=proportional|equal|none; area); format json, csv or xlsx");
        return api;
    }

    public static async Task<IResult> Run(
        HttpContext http, MosaicDatabase database, int? count = null, double? budget = null, double? transfer = null,
        string? quota = null, string? area = null, [FromQuery(Name = "exclude_assisted")] bool? excludeAssisted = null, string? format = null)
    {
        var user = CurrentUser.From(http.User);
        if (count is null == (budget is null && transfer is null))
            return Problems.BadRequest("give either count=N or budget=B with transfer=T");
        if (count is < 1 || (count is null && (budget is not > 0 || transfer is not > 0)))
            return Problems.BadRequest("count must be at least 1; budget and transfer must both be positive");
        QuotaMode? mode = (quota ?? "proportional") switch
        {
            "proportional" => QuotaMode.Proportional,
            "equal" => QuotaMode.Equal,
            "none" => QuotaMode.None,
            _ => null,
        };
        if (mode is null)
            return Problems.BadRequest($"quota must be proportional, equal or none (got '{quota}')");
        format = (format ?? "json").ToLowerInvariant();
        if (format is not ("json" or "csv" or "xlsx"))
            return Problems.BadRequest($"format must be json, csv or xlsx (got '{format}')");

        var store = await database.ForRequestAsync(http);
        var limit = await user.LimitAsync(store.Areas, area, http.RequestAborted);
        if (!limit.Allowed)
            return Problems.AreaNotFound(area!);
        var request = new TargetingRequest
        {
            Count = count,
            Budget = budget,
            Transfer = transfer,
            Quota = mode.Value,
            AreaPcode = limit.Pcode,
            ExcludeAssisted = excludeAssisted ?? false,
        };
        TargetListResult result;
        try
        {
            result = await TargetListRun.RunAsync(store, request, http.RequestAborted);
        }
        catch (RequestRejectedException ex)
        {
            return Problems.Conflict(ex.Message);
        }
        return format == "json" ? TypedResults.Ok(TargetListContentReport.Of(result, request)) : File(result, format);
    }

    private static FileContentHttpResult File(TargetListResult result, string format)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"mosaic-target-{Guid.NewGuid():N}.{format}");
        try
        {
            TargetListFile.Write(temp, result.List, result.Areas, result.Run.Dimensions, contacts: null);
            var bytes = System.IO.File.ReadAllBytes(temp);
            return TypedResults.File(bytes,
                format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                $"target-list.{format}");
        }
        finally
        {
            System.IO.File.Delete(temp);
        }
    }
}
