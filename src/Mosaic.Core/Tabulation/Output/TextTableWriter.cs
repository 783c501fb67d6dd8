namespace Mosaic.Core.Tabulation.Output;

/// <summary>Writes a result as a readable terminal table: labels, right-aligned numbers, <c>·</c> for suppressed cells.</summary>
public static class TextTableWriter
{
    /// <summary>What a suppressed cell shows in place of its value.</summary>
    public const string SuppressedMark = "·";

    /// <summary>Writes the table, then a footer saying what was suppressed (or how values were perturbed) and the
    /// rule.</summary>
    public static void Write(TabulationResult result, TextWriter output)
    {
        var rows = new TableRows(result);
        var header = result.Dimensions.Select(d => d.Name).Append(result.Indicator.Id).ToList();
        if (result.IsShare)
            header.Add("denominator");
        var body = new List<string[]>();
        foreach (var cell in result.Cells)
        {
            var row = new List<string>();
            for (var d = 0; d < result.Dimensions.Count; d++)
            {
                var dim = result.Dimensions[d];
                var c = cell.Categories[d];
                row.Add(c == TableDimension.Total ? CategoryLabels.TotalLabel
                    : dim.HasLabels && dim.Labels[c] != dim.Codes[c] ? $"{dim.Labels[c]} ({dim.Codes[c]})" : dim.Codes[c]);
            }
            row.Add(cell.Suppressed ? SuppressedMark : rows.FormatValue(cell.Value));
            if (result.IsShare)
                row.Add(cell.Suppressed ? SuppressedMark : rows.FormatDenominator(cell.Denominator));
            body.Add([.. row]);
        }
        var widths = header.Select((h, i) => Math.Max(h.Length, body.Count == 0 ? 0 : body.Max(r => r[i].Length))).ToArray();
        var numeric = result.Dimensions.Count;
        void Line(IReadOnlyList<string> cells)
        {
            var parts = cells.Select((c, i) => i >= numeric ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", parts).TrimEnd());
        }
        output.WriteLine($"{result.Indicator.Label} ({result.Indicator.Id})" + (result.AreaPcode is { } a ? $" in {result.AreaName} ({a})" : ""));
        Line(header);
        output.WriteLine(string.Join("  ", widths.Select(w => new string('─', w))));
        foreach (var r in body)
            Line(r);
        output.WriteLine();
        if (result.Perturbation is { } perturbation)
        {
            var p = perturbation.Parameters;
            output.WriteLine($"Values are perturbed: read each as its true count give or take at most {p.MaximumNoise}; no count from 1 to {p.BlockedUpTo} is shown.");
            output.WriteLine("Rule: " + result.RuleText);
            return;
        }
        output.WriteLine($"{SuppressedMark} suppressed: {result.InformationLoss.Describe(result.Rule.ContributorUnit)}.");
        if (result.GroupDisclosureCells > 0)
            output.WriteLine($"{result.GroupDisclosureCells} published share(s) are exactly 0 or 1: everyone or no one in those groups has the attribute (group disclosure).");
        output.WriteLine("Rule: " + result.RuleText);
        if (result.Audit is { } audit)
            output.WriteLine("Audit: " + TableRows.AuditText(result, audit) + ".");
        if (result.LinkedTables > 0)
            output.WriteLine("Publication: " + TableRows.PublicationText(result) + ".");
    }
}
