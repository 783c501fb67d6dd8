namespace Mosaic.Core.Disclosure;

/// <summary>Re-identification risk of a microdata file (<see cref="MicrodataRisk"/>).</summary>
/// <param name="Records">Records in the file.</param>
/// <param name="ExpectedReidentifications">Sum of the individual risks (sdcMicro's <c>global_risk_ER</c>).</param>
/// <param name="GlobalRisk">Expected re-identifications over records (sdcMicro's <c>global_risk</c>), 0–1.</param>
/// <param name="HighestIndividualRisk">The largest individual risk (1 = someone is unique on the quasi-identifiers).</param>
/// <param name="RecordsAboveHalfRisk">Records with individual risk above 0.5 (unique records).</param>
internal sealed record MicrodataRiskReport(int Records, double ExpectedReidentifications, double GlobalRisk, double HighestIndividualRisk, int RecordsAboveHalfRisk)
{
    /// <summary>Distinct l-diversity: the fewest sensitive values any class holds (null without a sensitive variable).</summary>
    public int? SmallestDistinctL { get; init; }

    /// <summary>Classes whose records all share one sensitive value (attribute disclosure for anyone in them).</summary>
    public int ClassesWithOneSensitiveValue { get; init; }

    public int RecordsWithOneSensitiveValue { get; init; }

    /// <summary>The household risk when the records were measured with their households (null for independent records).</summary>
    public HouseholdRisk? Household { get; init; }

    /// <summary>Whether the global risk is above <paramref name="maximum"/>.</summary>
    public bool Exceeds(double maximum) => GlobalRisk > maximum;
}
