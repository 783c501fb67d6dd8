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
        rounds = r.Rounds.Select(t => new
        {
            t.Dataset,
            t.Operation,
            reporting_level = t.ReportingLevel,
            t.Round,
            reporting_date = t.ReportingDate,
            area_pcode = t.AreaPcode,
            area_name = t.AreaName,
            population_type = MobilityCodes.PopulationType[t.Type],
            t.Individuals,
            t.Households,
            t.Locations,
            t.Records,
        }),
        changes = r.Changes.Select(c => new
        {
            c.Dataset,
            c.Operation,
            reporting_level = c.ReportingLevel,
            area_pcode = c.AreaPcode,
            area_name = c.AreaName,
            population_type = MobilityCodes.PopulationType[c.Type],
            from_round = c.FromRound,
            to_round = c.ToRound,
            from_individuals = c.FromIndividuals,
            to_individuals = c.ToIndividuals,
            c.Change,
            change_pct = c.ChangePercent,
        }),
        location_changes = r.LocationChanges,
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
