using Mosaic.Core.Import;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Rounds of one series (dataset, operation, assessment type, location) must not go backwards in time: a later
/// reporting date with a smaller round number is almost always a mistyped round or date.
/// </summary>
internal static class RoundOrder
{
    /// <summary>Checks the incoming records against each other and the stored ones; reports offending incoming records.</summary>
    /// <returns>Record ids rejected.</returns>
    public static HashSet<string> Check(IReadOnlyList<LocationAssessment> incoming, IReadOnlyList<AssessmentKey> stored, string file, string? sheet, List<ImportIssue> errors)
    {
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        var rows = new Dictionary<string, long>(incoming.Count, StringComparer.Ordinal);
        var series = new Dictionary<(string, string?, AssessmentType, string), List<AssessmentKey>>();
        void Add(AssessmentKey k)
        {
            var s = AssessmentSeries.Of(k);
            if (!series.TryGetValue(s, out var list))
                series[s] = list = [];
            list.Add(k);
        }
        foreach (var r in incoming)
        {
            rows[r.RecordId] = r.Provenance?.SourceRow ?? 0;
            Add(AssessmentSeries.KeyOf(r));
        }
        foreach (var k in stored)
        {
            if (!rows.ContainsKey(k.RecordId))
                Add(k);
        }
        foreach (var list in series.Values)
        {
            if (list.Count < 2)
                continue;
            list.Sort((a, b) => a.ReportingDate != b.ReportingDate ? a.ReportingDate.CompareTo(b.ReportingDate) : a.Round.CompareTo(b.Round));
            var maxRound = list[0];
            foreach (var k in list)
            {
                if (k.Round < maxRound.Round && k.ReportingDate > maxRound.ReportingDate)
                {
                    // Blame the incoming side: the stored data was accepted before.
                    var culprit = rows.ContainsKey(k.RecordId) ? k : maxRound;
                    var other = ReferenceEquals(culprit, k) ? maxRound : k;
                    if (rows.TryGetValue(culprit.RecordId, out var row) && rejected.Add(culprit.RecordId))
                    {
                        errors.Add(new ImportIssue(file, sheet, row, DtmFields.Round, culprit.Round.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            $"record {culprit.RecordId}: round {culprit.Round} on {culprit.ReportingDate:yyyy-MM-dd} goes backwards for this location " +
                            $"(round {other.Round} on {other.ReportingDate:yyyy-MM-dd}{(rows.ContainsKey(other.RecordId) ? "" : ", already in the database")})"));
                    }
                    continue;
                }
                if (k.Round >= maxRound.Round)
                    maxRound = k;
            }
        }
        return rejected;
    }
}
