namespace Mosaic.Core.Application.Reports;

/// <summary>
/// What <c>mosaic export registrations</c> reports: the file written (or why not), its columns, and the
/// re-identification risk of the records as written, measured over its key variables.
/// </summary>
public sealed record MicrodataExportReport
{
    /// <summary>The file written, or null when the export was refused (then <see cref="Refusal"/> says why).</summary>
    public required string? File { get; init; }

    /// <summary><c>csv</c> or <c>xlsx</c>.</summary>
    public required string Format { get; init; }

    /// <summary><c>person</c> or <c>household</c>: what one record of the file is.</summary>
    public required string Unit { get; init; }

    /// <summary>The admin level of the area column (e.g. <c>adm4</c>, <c>village</c>): P-codes are rolled up to it.</summary>
    public required string AreaLevel { get; init; }

    /// <summary>The key variables (quasi-identifiers), the area column first: risk is measured over them and local suppression blanks them in this order.</summary>
    public required IReadOnlyList<string> KeyVariables { get; init; }

    /// <summary>The other columns of the file (never blanked, not part of the risk measure).</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>
    /// Whether person rows carry a household number (the first column, <c>household</c>): then the risk is measured
    /// at household level (<see cref="RiskReport.HouseholdRisk"/>) and the limit is held against it.
    /// </summary>
    public required bool HouseholdIds { get; init; }

    /// <summary>The sensitive variable whose l-diversity is reported (one of <see cref="Fields"/>), or null.</summary>
    public required string? Sensitive { get; init; }

    /// <summary>Records in the file.</summary>
    public required long Records { get; init; }

    /// <summary>Distinct combinations of key values in the file as written.</summary>
    public required long EquivalenceClasses { get; init; }

    /// <summary>Records in the smallest combination (0 when there are no records).</summary>
    public required long SmallestClass { get; init; }

    /// <summary>The risk of the file as written (after local suppression, when it was asked for).</summary>
    public required RiskReport Risk { get; init; }

    /// <summary>Records per individual risk 1/size for the small class sizes 1–10 (risks of 10% and above); sizes without records are left out.</summary>
    public required IReadOnlyList<IndividualRiskReport> IndividualRisk { get; init; }

    /// <summary>The global risk above which the file is refused (0–1).</summary>
    public required double MaxGlobalRisk { get; init; }

    /// <summary>Whether the file was written (its global risk is at most <see cref="MaxGlobalRisk"/>).</summary>
    public required bool Written { get; init; }

    /// <summary>Why the file was not written, with the measured risk and what would bring it under the limit; null when written.</summary>
    public required string? Refusal { get; init; }

    /// <summary>
    /// When refused: the k of local suppression that guarantees the limit (1 / limit for independent records; the
    /// largest household's size / limit with household ids). Null when written.
    /// </summary>
    public required int? KWithinLimit { get; init; }

    /// <summary>The local suppression applied before measuring and writing, or null when none was asked for.</summary>
    public required LocalSuppressionReport? Suppression { get; init; }
}

/// <summary>How many records carry one individual risk level.</summary>
/// <param name="ClassSize">The size of their key combination in the file.</param>
/// <param name="IndividualRisk">1 / <paramref name="ClassSize"/>: the chance that an intruder who knows the keys picks the right record.</param>
/// <param name="Records">Records with that risk.</param>
public sealed record IndividualRiskReport(long ClassSize, double IndividualRisk, long Records);

/// <summary>What local suppression blanked so that every key combination of the file holds at least k records.</summary>
public sealed record LocalSuppressionReport
{
    /// <summary>The k asked for.</summary>
    public required int K { get; init; }

    /// <summary>Key values replaced by <c>*</c>.</summary>
    public required long ValuesBlanked { get; init; }

    /// <summary>Records with at least one blanked value.</summary>
    public required long RecordsTouched { get; init; }

    /// <summary>Values blanked per key variable, in the order of <see cref="MicrodataExportReport.KeyVariables"/>.</summary>
    public required IReadOnlyList<BlankedValuesReport> ByKeyVariable { get; init; }

    /// <summary>Whether the file as written is k-anonymous.</summary>
    public required bool KAnonymous { get; init; }

    /// <summary>Why it is not k-anonymous (null when it is).</summary>
    public required string? Reason { get; init; }

    /// <summary>The key combinations still below k after suppression, with their records (empty when k-anonymous; at most 20 listed).</summary>
    public required IReadOnlyList<SmallClassReport> ClassesBelowK { get; init; }

    /// <summary>The risk of the records before suppression.</summary>
    public required RiskReport RiskBefore { get; init; }
}

/// <summary>A key combination shared by fewer than k records.</summary>
/// <param name="Values">Its key values, in the order of the key variables (<c>*</c> blanked, empty missing).</param>
/// <param name="Records">Records that share it.</param>
public sealed record SmallClassReport(IReadOnlyList<string> Values, long Records);
