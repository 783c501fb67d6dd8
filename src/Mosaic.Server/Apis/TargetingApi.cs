using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Application;
using Mosaic.Core.Targeting;
using Mosaic.Core.Vulnerability;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>
/// Target lists: ranked, explained households by count or budget with quotas per area, within the user's scope; the
/// list carries household codes, areas, scores and explanations, never names or phones. JSON, CSV or XLSX.
/// </summary>
public static class TargetingApi
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

        var store = database.ForRequest(http);
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
        return format == "json" ? TypedResults.Ok(TargetListView.Of(result, request)) : File(result, format);
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

/// <summary>A target list as the API returns it.</summary>
public sealed record TargetListView(
    int Requested, int Selected, int InScope, int Eligible, IReadOnlyList<QuotaView> Quotas, IReadOnlyList<TargetedView> Households,
    IReadOnlyList<CoverageView> Coverage, TargetingErrors? Errors, string ModelId, string ModelVersion, DateTimeOffset ScoredAt)
{
    public static TargetListView Of(TargetListResult result, TargetingRequest request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        var list = result.List;
        string Name(string pcode) => result.Areas.Find(pcode)?.Name ?? pcode;
        var selectedBy = list.Households.GroupBy(h => h.QuotaArea).ToDictionary(g => g.Key, g => g.Count());
        return new TargetListView(request.Requested, list.Households.Count, list.InScope, list.Eligible,
            [.. list.Quotas.Select(q => new QuotaView(q.Pcode, Name(q.Pcode), q.Eligible, q.Priority, q.Quota, selectedBy.GetValueOrDefault(q.Pcode)))],
            [.. list.Households.Select(h => new TargetedView(h.TargetRank, h.Household.HouseholdCode ?? h.Household.SubmissionId, h.Household.AreaPcode,
                Name(h.Household.AreaPcode), Math.Round(h.Score.Score, 4), VulnerabilityClasses.Codes[h.Score.Class], h.Score.Explanation))],
            [.. list.Coverage.Select(c => new CoverageView(c.Dimension, c.Group, c.Dimension == "head_sex" ? "head: " + c.Group : c.Group,
                c.TargetedShare, c.PriorityShare))],
            list.Errors, result.Run.ModelId, result.Run.ModelVersion, result.Run.ScoredAt);
    }
}

/// <summary>An area's quota and how many households it got.</summary>
public sealed record QuotaView(string Pcode, string Name, int Eligible, int Priority, int Quota, int Selected);

/// <summary>One ranked household (no personal data).</summary>
public sealed record TargetedView(int Rank, string Household, string AreaPcode, string AreaName, double Score, string Class, string Explanation);

/// <summary>A group's share among targeted households against its share among high/extreme ones.</summary>
public sealed record CoverageView(string Dimension, string Group, string Label, double TargetedShare, double EligibleShare);
