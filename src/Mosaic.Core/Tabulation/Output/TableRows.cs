using System.Globalization;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation.Output;

/// <summary>The flat (long) layout every writer shares: column names, HXL tags and formatted cell text.</summary>
internal sealed class TableRows(TabulationResult result)
{
    public TabulationResult Result => result;

    /// <summary>Column names: per dimension its name (codes) and <c>NAME_label</c> where labels exist; then value, denominator (shares), suppressed.</summary>
    public IReadOnlyList<string> Header()
    {
        var header = new List<string>();
        foreach (var d in result.Dimensions)
        {
            header.Add(d.Name);
            if (d.HasLabels)
                header.Add(d.Name + "_label");
        }
        header.Add("value");
        if (result.IsShare)
            header.Add("denominator");
        header.Add("suppressed");
        return header;
    }

    /// <summary>The HXL hashtag row matching <see cref="Header"/>.</summary>
    public IReadOnlyList<string> HxlRow()
    {
        var row = new List<string>();
        foreach (var d in result.Dimensions)
        {
            var (code, label) = HxlTags.ForDimension(d.Name);
            row.Add(code);
            if (d.HasLabels)
                row.Add(label);
        }
        row.Add(result.Indicator.Hxl ?? "#indicator+value+" + result.Indicator.Id);
        if (result.IsShare)
            row.Add("#meta+denominator");
        row.Add("#meta+suppressed");
        return row;
    }

    /// <summary>Rows of text as written to CSV (empty value and denominator when suppressed).</summary>
    public IEnumerable<IReadOnlyList<string>> Rows()
    {
        foreach (var cell in result.Cells)
        {
            var row = new List<string>();
            for (var d = 0; d < result.Dimensions.Count; d++)
            {
                var dim = result.Dimensions[d];
                row.Add(dim.CodeOf(cell.Categories[d]));
                if (dim.HasLabels)
                    row.Add(dim.LabelOf(cell.Categories[d]));
            }
            row.Add(FormatValue(cell.Value));
            if (result.IsShare)
                row.Add(FormatDenominator(cell.Denominator));
            row.Add(cell.Suppressed ? "true" : "false");
            yield return row;
        }
    }

    public string FormatValue(double? value)
    {
        if (value is not { } v)
            return "";
        var kind = result.Indicator.Measure.Kind;
        if (kind == MeasureKind.Share)
            return v.ToString("0.0000", CultureInfo.InvariantCulture);
        if (kind == MeasureKind.Count && result.Indicator.Weight is null)
            return v.ToString("0", CultureInfo.InvariantCulture);
        return v.ToString("0.##", CultureInfo.InvariantCulture);
    }

    public string FormatDenominator(double? value) => value is { } v
        ? v.ToString(result.Indicator.Weight is null ? "0" : "0.##", CultureInfo.InvariantCulture)
        : "";

    /// <summary>The audit in words (for metadata and the table footer).</summary>
    public static string AuditText(TabulationResult result, Disclosure.AuditReport audit) => audit.CheckedCells == 0
        ? "no cell suppressed"
        : $"passed: a linear programme over the published cells (additivity, non-negativity) bounds every suppressed cell; " +
          $"every interval is at least {result.Rule.MinimumContributors} {result.Rule.ContributorUnit}s wide";

    /// <summary>How the table was protected with the other tables of its publication (for metadata and the table footer).</summary>
    public static string PublicationText(TabulationResult result) =>
        $"protected as one set with {result.LinkedTables} other table(s) of {result.LinkedIndicators} in the same publication: " +
        "combining their published cells narrows no suppressed cell, and no group of fewer than " +
        $"{result.Rule.MinimumContributors} {result.Rule.ContributorUnit}s, below {result.Rule.MinimumContributors}";

    /// <summary>Key facts for metadata blocks (JSON, XLSX sheet, table footer).</summary>
    public IReadOnlyList<(string Key, string Value)> Metadata()
    {
        var i = result.Indicator;
        var facts = new List<(string, string)>
        {
            ("indicator", i.Id),
            ("indicator_version", i.Version.ToString(CultureInfo.InvariantCulture)),
            ("label", i.Label),
            ("unit", i.Unit == IndicatorUnit.Person ? "person" : "household"),
            ("measure", i.Measure.Kind.ToString().ToLowerInvariant()),
            ("by", string.Join(",", result.Dimensions.Select(d => d.Name))),
        };
        if (result.AreaPcode is { } area)
            facts.Add(("area", $"{area} ({result.AreaName})"));
        if (result.Dimensions.Any(d => d.Name == "age_group"))
            facts.Add(("age_bands", result.AgeBands.ToString()));
        if (i.Weight is { } w)
            facts.Add(("weight", w));
        if (result.Perturbation is { } perturbation)
        {
            // A perturbed table states its method and table; it has no suppression counts and no true totals to hide.
            var p = perturbation.Parameters;
            facts.Add(("disclosure_method", "perturbation"));
            facts.Add(("disclosure_rule", result.RuleText));
            facts.Add(("perturbation_table", string.Create(CultureInfo.InvariantCulture,
                $"D={p.MaximumNoise} V={p.Variance} js={p.BlockedUpTo} pstay={p.StayProbability}")));
            facts.Add(("cells", result.Cells.Count.ToString(CultureInfo.InvariantCulture)));
            return facts;
        }
        facts.Add(("min_cell", result.Rule.MinimumContributors.ToString(CultureInfo.InvariantCulture)));
        facts.Add(("disclosure_rule", result.RuleText));
        // Only figures that are safe to state: no primary/secondary split, no contributors of a suppressed total.
        var loss = result.InformationLoss;
        facts.Add(("cells", result.Cells.Count.ToString(CultureInfo.InvariantCulture)));
        facts.Add(("suppressed_cells", loss.SuppressedCells.ToString(CultureInfo.InvariantCulture)));
        facts.Add(("suppressed_cells_share", loss.CellShare.ToString("0.0000", CultureInfo.InvariantCulture)));
        if (loss.HiddenShare is { } hidden)
            facts.Add(("hidden_units_share", hidden.ToString("0.0000", CultureInfo.InvariantCulture)));
        if (result.Audit is { } audit)
            facts.Add(("audit", AuditText(result, audit)));
        if (result.LinkedTables > 0)
            facts.Add(("publication", PublicationText(result)));
        if (result.IsShare)
            facts.Add(("group_disclosure_cells", result.GroupDisclosureCells.ToString(CultureInfo.InvariantCulture)));
        return facts;
    }
}
