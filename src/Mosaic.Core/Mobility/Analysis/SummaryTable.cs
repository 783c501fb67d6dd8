using System.Globalization;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// A summary as one long table (one figure per row), the shape of its CSV and HXL output: sections
/// <c>round</c>, <c>change</c>, <c>location</c>, <c>anomaly</c>, <c>registry</c> and <c>flow</c> share the same columns.
/// </summary>
public static class SummaryTable
{
    /// <summary>The columns of the summary table, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["section", "dataset", "operation", "reporting_level", "assessment_type", "area_pcode", "area_name", "period", "reporting_date", "category", "measure", "value"];

    /// <summary>The HXL hashtag of each column of <see cref="Columns"/>, in the same order.</summary>
    public static IReadOnlyList<string> HxlTags { get; } =
        ["#meta+section", "#meta+dataset", "#operation+name", "#adm+level", "#assessment+type", "#adm+code", "#adm+name", "#date+period", "#date+reported", "#indicator+category", "#indicator+name", "#indicator+num"];

    /// <summary>Writes the summary as CSV (with the HXL tag row under the header when <paramref name="hxl"/>).</summary>
    public static void Write(TextWriter output, SummaryReport report, bool hxl, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        using var csv = new CsvWriter(output, options);
        csv.WriteRow(Columns);
        if (hxl)
            csv.WriteRow(HxlTags);
        foreach (var row in Rows(report))
            csv.WriteRow(row);
    }

    /// <summary>The summary as rows of <see cref="Columns"/> (rounds, changes, location changes, anomalies, registry,
    /// flows); null is an empty cell.</summary>
    public static IEnumerable<string?[]> Rows(SummaryReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("0.##", inv);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", inv);
        string A(AssessmentType t) => MobilityCodes.AssessmentType[t];
        foreach (var t in report.Rounds)
        {
            var period = $"round {t.Round}";
            string?[] Row(string measure, long value) =>
                ["round", t.Dataset, t.Operation, $"adm{t.ReportingLevel}", A(t.Assessment), t.AreaPcode, t.AreaName, period, D(t.ReportingDate),
                    MobilityCodes.PopulationType[t.Type], measure, value.ToString(inv)];
            yield return Row("individuals", t.Individuals);
            if (t.Households is { } households)
                yield return Row("households", households);
            yield return Row("locations", t.Locations);
        }
        foreach (var c in report.Changes)
        {
            var period = $"round {c.FromRound} to {c.ToRound}";
            string?[] Row(string measure, string? value) =>
                ["change", c.Dataset, c.Operation, $"adm{c.ReportingLevel}", A(c.Assessment), c.AreaPcode, c.AreaName, period, $"{D(c.FromDate)}/{D(c.ToDate)}",
                    MobilityCodes.PopulationType[c.Type], measure, value];
            // Empty "from"/"to": the area was not assessed in that round.
            yield return Row("individuals_from", c.FromIndividuals?.ToString(inv));
            yield return Row("individuals_to", c.ToIndividuals?.ToString(inv));
            yield return Row("change", c.Change?.ToString(inv));
            yield return Row("change_pct", c.ChangePercent is { } p ? N(p) : null);
            yield return Row("like_for_like_from", c.LikeForLikeFrom.ToString(inv));
            yield return Row("like_for_like_to", c.LikeForLikeTo.ToString(inv));
            yield return Row("like_for_like_change", c.LikeForLikeChange.ToString(inv));
            yield return Row("like_for_like_change_pct", c.LikeForLikePercent is { } lp ? N(lp) : null);
            yield return Row("locations_in_both", c.LocationsInBoth.ToString(inv));
            yield return Row("locations_new", c.LocationsNew.ToString(inv));
            yield return Row("locations_not_assessed", c.LocationsNotAssessed.ToString(inv));
        }
        foreach (var l in report.LocationChanges)
        {
            yield return ["location", l.Dataset, l.Operation, $"adm{l.ReportingLevel}", A(l.Assessment), l.Location, l.Name,
                $"round {l.FromRound} to {l.ToRound}", null, l.Kind, "locations", "1"];
        }
        foreach (var a in report.Anomalies)
        {
            var s = a.Series;
            yield return ["anomaly", s.Dataset, s.Operation, $"adm{s.ReportingLevel}", A(s.Assessment), null, null,
                $"round {a.Earlier.Round} to {a.Later.Round}", $"{D(a.Earlier.Date)}/{D(a.Later.Date)}", a.Code, "rounds", "2"];
        }
        foreach (var r in report.Registry)
        {
            string?[] Row(string measure, string? value) =>
                ["registry", "registry", null, null, null, r.AreaPcode, r.AreaName, r.Month, null, MobilityCodes.PopulationType[r.Type], measure, value];
            yield return Row("registered_in_month", r.RegisteredInMonth.ToString(inv));
            yield return Row("registered_to_date", r.RegisteredToDate.ToString(inv));
            if (r.KeyInformantEstimate is { } e)
                yield return Row("key_informant_estimate", e.ToString(inv));
        }
        foreach (var f in report.Flows)
        {
            var period = $"{f.First:yyyy-MM-dd}/{f.Last:yyyy-MM-dd}";
            string?[] Row(string category, string measure, string value, string? p = null) =>
                ["flow", "flows", f.PointName, null, null, f.PointCode, f.PointName, p ?? period, null, category, measure, value];
            yield return Row("all", "days", f.Days.ToString(inv));
            yield return Row("all", "in", f.In.ToString(inv));
            yield return Row("all", "out", f.Out.ToString(inv));
            yield return Row("all", "net", f.Net.ToString(inv));
            yield return Row("all", "daily_in", N(f.DailyIn));
            yield return Row("all", "daily_out", N(f.DailyOut));
            foreach (var b in f.ByReason)
            {
                yield return Row("reason:" + b.Category, "in", b.In.ToString(inv));
                yield return Row("reason:" + b.Category, "out", b.Out.ToString(inv));
            }
            foreach (var b in f.ByTravellerType)
            {
                yield return Row("traveller:" + b.Category, "in", b.In.ToString(inv));
                yield return Row("traveller:" + b.Category, "out", b.Out.ToString(inv));
            }
            if (f.Split is { } s)
            {
                var before = $"{f.First:yyyy-MM-dd}/{s.Date.AddDays(-1):yyyy-MM-dd}";
                var after = $"{s.Date:yyyy-MM-dd}/{f.Last:yyyy-MM-dd}";
                yield return Row("before", "daily_in", N(s.DailyInBefore), before);
                yield return Row("before", "daily_out", N(s.DailyOutBefore), before);
                yield return Row("after", "daily_in", N(s.DailyInAfter), after);
                yield return Row("after", "daily_out", N(s.DailyOutAfter), after);
                yield return Row("after_minus_before", "daily_in", N(s.DailyInChange), after);
                yield return Row("after_minus_before", "daily_out", N(s.DailyOutChange), after);
            }
        }
    }
}
