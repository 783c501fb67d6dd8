using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;

namespace Mosaic.Cli.Commands;

/// <summary>The JSON shape of a mobility summary: codes instead of enum numbers, snake_case names.</summary>
internal static class SummaryJson
{
    public static object Of(SummaryReport r) => new
    {
        level = r.Level,
        records_above_level = r.RecordsAboveLevel,
        notes = r.Notes,
        rounds = r.Rounds.Select(t => new
        {
            t.Dataset,
            t.Operation,
            reporting_level = t.ReportingLevel,
            assessment_type = MobilityCodes.AssessmentType[t.Assessment],
            t.Round,
            reporting_date = t.ReportingDate,
            area_pcode = t.AreaPcode,
            area_name = t.AreaName,
            population_type = MobilityCodes.PopulationType[t.Type],
            t.Individuals,
            t.Households,
            t.Locations,
            t.Records,
            t.Anomaly,
        }),
        changes = r.Changes.Select(c => new
        {
            c.Dataset,
            c.Operation,
            reporting_level = c.ReportingLevel,
            assessment_type = MobilityCodes.AssessmentType[c.Assessment],
            area_pcode = c.AreaPcode,
            area_name = c.AreaName,
            population_type = MobilityCodes.PopulationType[c.Type],
            from_round = c.FromRound,
            from_date = c.FromDate,
            to_round = c.ToRound,
            to_date = c.ToDate,
            from_individuals = c.FromIndividuals,
            to_individuals = c.ToIndividuals,
            c.Change,
            change_pct = c.ChangePercent,
            like_for_like_from = c.LikeForLikeFrom,
            like_for_like_to = c.LikeForLikeTo,
            like_for_like_change = c.LikeForLikeChange,
            like_for_like_change_pct = c.LikeForLikePercent,
            locations_in_both = c.LocationsInBoth,
            locations_new = c.LocationsNew,
            locations_not_assessed = c.LocationsNotAssessed,
        }),
        location_changes = r.LocationChanges.Select(l => new
        {
            l.Dataset,
            l.Operation,
            reporting_level = l.ReportingLevel,
            assessment_type = MobilityCodes.AssessmentType[l.Assessment],
            from_round = l.FromRound,
            to_round = l.ToRound,
            l.Kind,
            l.Location,
            l.Name,
        }),
        anomalies = r.Anomalies.Select(a => new
        {
            a.Series.Dataset,
            a.Series.Operation,
            reporting_level = a.Series.ReportingLevel,
            assessment_type = MobilityCodes.AssessmentType[a.Series.Assessment],
            kind = a.Code,
            earlier_round = a.Earlier.Round,
            earlier_date = a.Earlier.Date,
            later_round = a.Later.Round,
            later_date = a.Later.Date,
            a.Description,
        }),
        registry = r.Registry.Select(m => new
        {
            area_pcode = m.AreaPcode,
            area_name = m.AreaName,
            m.Month,
            population_type = MobilityCodes.PopulationType[m.Type],
            registered_in_month = m.RegisteredInMonth,
            registered_to_date = m.RegisteredToDate,
            key_informant_estimate = m.KeyInformantEstimate,
            estimate_source = m.EstimateSource,
        }),
        flows = r.Flows,
    };
}
