using Mosaic.Core.Access;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Application.Reports;

/// <summary>
/// The JSON of <c>mosaic mobility summary</c>: the <see cref="SummaryReport"/> with wire codes instead of enum values
/// (assessment and population types) and flat rows a spreadsheet or a script reads directly.
/// </summary>
public sealed record MobilitySummaryReport(
    int Level,
    long RecordsAboveLevel,
    IReadOnlyList<string> Notes,
    IReadOnlyList<RoundReport> Rounds,
    IReadOnlyList<RoundChangeReport> Changes,
    IReadOnlyList<LocationChangeReport> LocationChanges,
    IReadOnlyList<RoundAnomalyReport> Anomalies,
    IReadOnlyList<RegistryMonthReport> Registry,
    IReadOnlyList<FlowPointSummary> Flows)
{
    /// <summary>The report of a mobility summary, with assessment and population types as their wire codes.</summary>
    public static MobilitySummaryReport Of(SummaryReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new MobilitySummaryReport(r.Level, r.RecordsAboveLevel, r.Notes,
            r.Rounds.Select(t => new RoundReport(t.Dataset, t.Operation, t.ReportingLevel, MobilityCodes.AssessmentType[t.Assessment], t.Round,
                t.ReportingDate, t.AreaPcode, t.AreaName, MobilityCodes.PopulationType[t.Type], t.Individuals, t.Households, t.Locations,
                t.Records, t.Anomaly)).ToList(),
            r.Changes.Select(c => new RoundChangeReport(c.Dataset, c.Operation, c.ReportingLevel, MobilityCodes.AssessmentType[c.Assessment],
                c.AreaPcode, c.AreaName, MobilityCodes.PopulationType[c.Type], c.FromRound, c.FromDate, c.ToRound, c.ToDate,
                c.FromIndividuals, c.ToIndividuals, c.Change, c.ChangePercent, c.LikeForLikeFrom, c.LikeForLikeTo, c.LikeForLikeChange,
                c.LikeForLikePercent, c.LocationsInBoth, c.LocationsNew, c.LocationsNotAssessed)).ToList(),
            r.LocationChanges.Select(l => new LocationChangeReport(l.Dataset, l.Operation, l.ReportingLevel, MobilityCodes.AssessmentType[l.Assessment],
                l.FromRound, l.ToRound, l.Kind, l.Location, l.Name)).ToList(),
            r.Anomalies.Select(a => new RoundAnomalyReport(a.Series.Dataset, a.Series.Operation, a.Series.ReportingLevel,
                MobilityCodes.AssessmentType[a.Series.Assessment], a.Code, a.Earlier.Round, a.Earlier.Date, a.Later.Round, a.Later.Date,
                a.Description)).ToList(),
            r.Registry.Select(m => new RegistryMonthReport(m.AreaPcode, m.AreaName, m.Month, MobilityCodes.PopulationType[m.Type],
                m.RegisteredInMonth, m.RegisteredToDate, m.KeyInformantEstimate, m.EstimateSource)).ToList(),
            r.Flows);
    }

    /// <summary>
    /// The part of this report a reader limited to <paramref name="scope"/> may see (all of it when null): rows of
    /// areas in the scope's subtree and flow points lying in it. Location changes and anomalies name DTM locations
    /// and series, not areas, so they are left out for a scoped reader.
    /// </summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="scope">The reader's access scope (null: everything).</param>
    /// <param name="cancellationToken">Passed to the store (the area tree and the flow points are read once).</param>
    public async Task<MobilitySummaryReport> WithinAsync(IMosaicStore store, string? scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (scope is null)
            return this;
        var inScope = AccessScope.Of(await store.Areas.AllAsync(cancellationToken: cancellationToken), scope);
        bool Visible(string pcode) => pcode.Length > 0 && inScope(pcode);
        var points = (await store.Mobility.ReadFlowPointsAsync(cancellationToken))
            .Where(p => p.AreaPcode is { } a && Visible(a))
            .Select(p => p.Code)
            .ToHashSet(StringComparer.Ordinal);
        return this with
        {
            Rounds = [.. Rounds.Where(r => Visible(r.AreaPcode))],
            Changes = [.. Changes.Where(c => Visible(c.AreaPcode))],
            LocationChanges = [],
            Anomalies = [],
            Registry = [.. Registry.Where(m => Visible(m.AreaPcode))],
            Flows = [.. Flows.Where(f => points.Contains(f.PointCode))],
        };
    }
}

/// <summary>One row of <see cref="MobilitySummaryReport.Rounds"/> (see <see cref="RoundTotal"/>).</summary>
public sealed record RoundReport(
    string Dataset, string? Operation, int ReportingLevel, string AssessmentType, int Round, DateOnly ReportingDate, string AreaPcode,
    string AreaName, string PopulationType, long Individuals, long? Households, int Locations, int Records, string? Anomaly);

/// <summary>One row of <see cref="MobilitySummaryReport.Changes"/> (see <see cref="RoundChange"/>).</summary>
public sealed record RoundChangeReport(
    string Dataset, string? Operation, int ReportingLevel, string AssessmentType, string AreaPcode, string AreaName, string PopulationType,
    int FromRound, DateOnly FromDate, int ToRound, DateOnly ToDate, long? FromIndividuals, long? ToIndividuals, long? Change,
    [property: System.Text.Json.Serialization.JsonPropertyName("change_pct")] double? ChangePercent,
    long LikeForLikeFrom, long LikeForLikeTo, long LikeForLikeChange,
    [property: System.Text.Json.Serialization.JsonPropertyName("like_for_like_change_pct")] double? LikeForLikePercent,
    int LocationsInBoth, int LocationsNew, int LocationsNotAssessed);

/// <summary>One row of <see cref="MobilitySummaryReport.LocationChanges"/> (see <see cref="LocationChange"/>).</summary>
public sealed record LocationChangeReport(
    string Dataset, string? Operation, int ReportingLevel, string AssessmentType, int FromRound, int ToRound, string Kind, string Location, string? Name);

/// <summary>One row of <see cref="MobilitySummaryReport.Anomalies"/> (see <see cref="RoundAnomaly"/>).</summary>
public sealed record RoundAnomalyReport(
    string Dataset, string? Operation, int ReportingLevel, string AssessmentType, string Kind, int EarlierRound, DateOnly EarlierDate,
    int LaterRound, DateOnly LaterDate, string Description);

/// <summary>One row of <see cref="MobilitySummaryReport.Registry"/> (see <see cref="RegistryMonth"/>).</summary>
public sealed record RegistryMonthReport(
    string AreaPcode, string AreaName, string Month, string PopulationType, long RegisteredInMonth, long RegisteredToDate,
    long? KeyInformantEstimate, string? EstimateSource);
