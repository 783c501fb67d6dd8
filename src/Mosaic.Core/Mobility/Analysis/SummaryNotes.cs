using System.Globalization;

namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// Says what is missing when the options select nothing (a dataset, operation, level or round the data does not
/// have), instead of a bare "no data".
/// </summary>
internal static class SummaryNotes
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static void AboutSelection(
        IReadOnlyList<AssessmentTotalRow> all, List<AssessmentTotalRow> selected, int brokenDown, SummaryOptions options, List<string> notes)
    {
        if (all.Count == 0)
        {
            if (options.Round is { } r && options.Compare is { } c)
                notes.Add($"no assessment has round {r.ToString(s_inv)} or round {c.ToString(s_inv)}");
            return;
        }
        if (selected.Count == 0)
        {
            if (options.Dataset is { } d && all.All(x => x.Dataset != d))
                notes.Add($"no assessments in dataset '{d}' (datasets: {List(all.Select(x => x.Dataset))})");
            else if (options.Operation is { } o)
                notes.Add($"no assessments of operation '{o}'{(options.Dataset is null ? "" : $" in dataset '{options.Dataset}'")} (operations: {List(all.Where(x => options.Dataset is null || x.Dataset == options.Dataset).Select(x => x.Operation ?? "(none)"))})");
            return;
        }
        if (brokenDown == 0)
        {
            var levels = selected.Select(x => x.AdminLevel).Distinct().Order().ToList();
            notes.Add($"no assessment is reported at adm{options.Level.ToString(s_inv)} or finer: the data is reported at " +
                $"{string.Join(", ", levels.Select(l => "adm" + l.ToString(s_inv)))} (choose level adm{levels[^1].ToString(s_inv)} or a coarser one)");
            return;
        }
        foreach (var (option, round) in new[] { ("round", options.Round), ("round to compare with", options.Compare) })
        {
            if (round is { } wanted && selected.All(x => x.Round != wanted))
            {
                // With both rounds given only those two rounds were read: a range would say nothing.
                var rounds = selected.Select(x => x.Round).Distinct().Order().ToList();
                var range = options.Round is not null && options.Compare is not null ? ""
                    : $" (rounds in the selected data: {rounds[0].ToString(s_inv)} to {rounds[^1].ToString(s_inv)})";
                notes.Add($"{option} {wanted.ToString(s_inv)}: no series has round {wanted.ToString(s_inv)}{range}");
            }
        }
    }

    private static string List(IEnumerable<string> values) => string.Join(", ", values.Distinct().Order(StringComparer.Ordinal));
}
