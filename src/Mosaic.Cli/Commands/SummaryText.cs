using System.Globalization;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;

namespace Mosaic.Cli.Commands;

/// <summary>The human-readable tables of a mobility summary.</summary>
internal static class SummaryText
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static void Write(TextWriter w, SummaryReport r)
    {
        if (r.Rounds.Count == 0 && r.Registry.Count == 0 && r.Flows.Count == 0 && r.Notes.Count == 0)
        {
            w.WriteLine("no mobility data: import some with 'mosaic import dtm' or 'mosaic import flows'");
            return;
        }
        foreach (var note in r.Notes)
            w.WriteLine("note: " + note);
        if (r.Rounds.Count > 0)
        {
            w.WriteLine($"Key-informant totals by round (areas at adm{r.Level})");
            Table(w, ["dataset", "operation", "reported at", "type", "round", "date", "area", "population", "individuals", "households", "locations", "anomaly"],
                r.Rounds.Select(t => new[]
                {
                    t.Dataset, t.Operation ?? "", $"adm{t.ReportingLevel}", MobilityCodes.AssessmentType[t.Assessment], t.Round.ToString(s_inv),
                    t.ReportingDate.ToString("yyyy-MM-dd", s_inv), Area(t.AreaPcode, t.AreaName), MobilityCodes.PopulationType[t.Type], N(t.Individuals),
                    t.Households is { } h ? N(h) : "", N(t.Locations), t.Anomaly?.Replace('_', ' ').Replace(";", ", ", StringComparison.Ordinal) ?? "",
                }));
            if (r.RecordsAboveLevel > 0)
                w.WriteLine($"({r.RecordsAboveLevel} record(s) reported above adm{r.Level} are not broken down at this level)");
        }
        if (r.Changes.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Change between rounds (earlier to later; like-for-like: locations assessed in both rounds)");
            Table(w, ["dataset", "operation", "reported at", "type", "area", "population", "rounds", "from", "to", "change", "change %",
                    "like-for-like", "l-f-l %", "locations (both/new/not assessed)"],
                r.Changes.Select(c => new[]
                {
                    c.Dataset, c.Operation ?? "", $"adm{c.ReportingLevel}", MobilityCodes.AssessmentType[c.Assessment], Area(c.AreaPcode, c.AreaName),
                    MobilityCodes.PopulationType[c.Type], $"{c.FromRound}→{c.ToRound}",
                    c.FromIndividuals is { } f ? N(f) : "not assessed", c.ToIndividuals is { } t ? N(t) : "not assessed",
                    c.Change is { } d ? Signed(d) : "", Pct(c.ChangePercent), c.LocationsInBoth > 0 ? Signed(c.LikeForLikeChange) : "",
                    c.LocationsInBoth > 0 ? Pct(c.LikeForLikePercent) : "", $"{c.LocationsInBoth}/{c.LocationsNew}/{c.LocationsNotAssessed}",
                }));
        }
        if (r.LocationChanges.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Locations new or not assessed in the later round");
            Table(w, ["dataset", "operation", "reported at", "type", "rounds", "location", "status"],
                r.LocationChanges.Select(l => new[]
                {
                    l.Dataset, l.Operation ?? "", $"adm{l.ReportingLevel}", MobilityCodes.AssessmentType[l.Assessment], $"{l.FromRound}→{l.ToRound}",
                    Area(l.Location, l.Name ?? ""), l.Kind.Replace('_', ' '),
                }));
        }
        if (r.Anomalies.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Round anomalies (both records kept and shown apart; nothing is guessed)");
            Table(w, ["dataset", "operation", "reported at", "type", "anomaly", "what"],
                r.Anomalies.Select(a => new[]
                {
                    a.Series.Dataset, a.Series.Operation ?? "", $"adm{a.Series.ReportingLevel}", MobilityCodes.AssessmentType[a.Series.Assessment],
                    a.Code.Replace('_', ' '), a.Description,
                }));
        }
        if (r.Registry.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Registered movers by month of move, beside key-informant estimates (separate sources, not added)");
            Table(w, ["area", "month", "population", "registered in month", "registered to date", "key-informant estimate", "estimate from"],
                r.Registry.Select(m => new[]
                {
                    Area(m.AreaPcode, m.AreaName), m.Month, MobilityCodes.PopulationType[m.Type], N(m.RegisteredInMonth), N(m.RegisteredToDate),
                    m.KeyInformantEstimate is { } e ? N(e) : "", m.EstimateSource ?? "",
                }));
        }
        foreach (var f in r.Flows)
        {
            w.WriteLine();
            w.WriteLine($"Flows at {f.PointName} ({f.PointCode}), {f.First:yyyy-MM-dd} to {f.Last:yyyy-MM-dd}, {f.Days} days");
            w.WriteLine($"  in {N(f.In)} ({f.DailyIn.ToString("0.0", s_inv)}/day), out {N(f.Out)} ({f.DailyOut.ToString("0.0", s_inv)}/day), net {(f.Net > 0 ? "+" : "")}{N(f.Net)}");
            Table(w, ["reason", "in", "out", "net"], f.ByReason.Select(b => new[] { b.Category, N(b.In), N(b.Out), N(b.Net) }));
            Table(w, ["traveller type", "in", "out", "net"], f.ByTravellerType.Select(b => new[] { b.Category, N(b.In), N(b.Out), N(b.Net) }));
            if (f.Split is { } s)
            {
                Table(w, ["per day", $"before {s.Date:yyyy-MM-dd} ({s.DaysBefore} d)", $"from {s.Date:yyyy-MM-dd} ({s.DaysAfter} d)", "difference", "%"],
                [
                    ["in", D(s.DailyInBefore), D(s.DailyInAfter), D(s.DailyInChange), Pct(s.DailyInChangePercent)],
                    ["out", D(s.DailyOutBefore), D(s.DailyOutAfter), D(s.DailyOutChange), Pct(s.DailyOutChangePercent)],
                ]);
            }
        }
    }

    private static string Area(string code, string name) => name.Length == 0 || name == code ? code : $"{name} ({code})";

    private static string N(long v) => v.ToString("#,0", s_inv);

    private static string Signed(long v) => (v > 0 ? "+" : "") + N(v);

    private static string D(double v) => v.ToString("0.0", s_inv);

    private static string Pct(double? v) => v is { } p ? (p > 0 ? "+" : "") + p.ToString("0.0", s_inv) + "%" : "n/a";

    private static void Table(TextWriter w, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        void Line(string[] cells) =>
            w.WriteLine("  " + string.Join("  ", cells.Select((c, i) => i >= 1 && IsNumber(c) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line([.. widths.Select(x => new string('-', x))]);
        foreach (var r in all)
            Line(r);
    }

    private static bool IsNumber(string s) => s.Length > 0 && (char.IsDigit(s[^1]) || s[^1] == '%') && (char.IsDigit(s[0]) || s[0] is '+' or '-');
}
