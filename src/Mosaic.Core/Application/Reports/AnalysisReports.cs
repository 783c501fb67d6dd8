namespace Mosaic.Core.Application.Reports;

/// <summary>What <c>mosaic tabulate</c> reports (<c>--json</c>): the table written and what disclosure control hid.</summary>
public sealed record TabulationReport
{
    /// <summary>The indicator tabulated (its catalogue id).</summary>
    public required string Indicator { get; init; }
    /// <summary>The breakdown fields, in the order asked (<c>--by</c>).</summary>
    public required IReadOnlyList<string> By { get; init; }
    /// <summary>The file written, or null when the table went to stdout.</summary>
    public required string? File { get; init; }
    /// <summary>The output format: <c>table</c>, <c>csv</c>, <c>hxl</c>, <c>json</c> or <c>xlsx</c>.</summary>
    public required string Format { get; init; }
    /// <summary><c>suppression</c> or <c>perturbation</c> (the cell-key method).</summary>
    public required string Method { get; init; }
    /// <summary>Cells in the table.</summary>
    public required long Cells { get; init; }
    /// <summary>Cells hidden by disclosure control (primary and secondary suppression); 0 for perturbed
    /// tables.</summary>
    public required long SuppressedCells { get; init; }
    /// <summary><see cref="SuppressedCells"/> ÷ <see cref="Cells"/>, from 0 to 1.</summary>
    public required double SuppressedCellsShare { get; init; }
    /// <summary>Share of the units (households or persons) in suppressed cells; null for perturbed tables.</summary>
    public required double? HiddenUnitsShare { get; init; }
    /// <summary>Wall-clock seconds the tabulation took.</summary>
    public required double Seconds { get; init; }
    /// <summary>Tables published earlier (the publication log, <c>--publication-log</c>) this table was protected against.</summary>
    public required long EarlierTables { get; init; }
}

/// <summary>What <c>mosaic publish</c> reports: every table of the publication, protected together.</summary>
public sealed record PublicationReport(string Publication, string Directory, string Format, IReadOnlyList<PublishedTableReport> Tables);

/// <summary>
/// One table of a publication; <see cref="LinkedTables"/> counts the tables protected jointly with it,
/// <see cref="EarlierTables"/> the tables published earlier (the publication log) it was protected against.
/// </summary>
public sealed record PublishedTableReport(
    string Name, string File, string Indicator, IReadOnlyList<string> By, long LinkedTables, long EarlierTables, long Cells, long SuppressedCells,
    double SuppressedCellsShare);

/// <summary>What <c>mosaic privacy audit</c> reports: whether an intruder's linear programmes pin any suppressed cell.</summary>
public sealed record TableAuditReport(
    string File, string Measure, long Cells, long SuppressedCells, int K, long LinearProgrammes, bool Passed, IReadOnlyList<ExposedCellReport> Exposed);

/// <summary>A suppressed cell an intruder can narrow below K; <see cref="Max"/> and <see cref="Width"/> are null when unbounded.</summary>
public sealed record ExposedCellReport(string Cell, string Quantity, double Min, double? Max, double? Width);

/// <summary>What <c>mosaic privacy kanon</c> reports: k-anonymity and re-identification risk before and after local suppression.</summary>
public sealed record KAnonymityCheckReport
{
    /// <summary>The unit of the microdata: <c>persons</c> or <c>households</c>.</summary>
    public required string Unit { get; init; }
    /// <summary>The quasi-identifier fields an intruder is assumed to know, in the order asked.</summary>
    public required IReadOnlyList<string> QuasiIdentifiers { get; init; }
    /// <summary>The sensitive field whose l-diversity was measured, or null when none was named.</summary>
    public required string? Sensitive { get; init; }
    /// <summary>The k asked for: every equivalence class should hold at least this many records.</summary>
    public required int K { get; init; }
    /// <summary>Records in the microdata.</summary>
    public required long Records { get; init; }
    /// <summary>Distinct combinations of the quasi-identifiers.</summary>
    public required long EquivalenceClasses { get; init; }
    /// <summary>Records in the smallest equivalence class.</summary>
    public required long SmallestClass { get; init; }
    /// <summary>Equivalence classes with fewer than <see cref="K"/> records.</summary>
    public required long ClassesBelowK { get; init; }
    /// <summary>Records in those classes.</summary>
    public required long RecordsBelowK { get; init; }
    /// <summary>Whether no class is below <see cref="K"/>.</summary>
    public required bool KAnonymous { get; init; }
    /// <summary>How many classes have each size below <see cref="K"/>, smallest size first.</summary>
    public required IReadOnlyList<ClassSizeReport> ClassSizesBelowK { get; init; }
    /// <summary>Re-identification risk of the microdata as it is.</summary>
    public required RiskReport Risk { get; init; }
    /// <summary>What local suppression would blank to reach <see cref="K"/>, and the risk after it.</summary>
    public required SuppressionReport Suppression { get; init; }
}

/// <summary>How many equivalence classes have a given size.</summary>
public sealed record ClassSizeReport(long Size, long Classes);

/// <summary>Re-identification risk of microdata (and l-diversity when a sensitive field was named).</summary>
public sealed record RiskReport(
    double ExpectedReidentifications, double GlobalRisk, double HighestIndividualRisk, long UniqueRecords, bool AboveHdxLimit, LDiversityReport? LDiversity)
{
    /// <summary>
    /// The household-level risk of person records kept grouped in their households (a household id in the file): null
    /// for household records, and for a person file without household ids.
    /// </summary>
    public HouseholdRiskReport? HouseholdRisk { get; init; }
}

/// <summary>
/// Household-level re-identification risk (sdcMicro's hierarchical risk): a household is found when any of its
/// members is, with chance 1 − ∏ (1 − rᵢ) over its members' individual risks.
/// </summary>
/// <param name="Households">Households with records in the file.</param>
/// <param name="ExpectedReidentifiedHouseholds">The sum of the household risks.</param>
/// <param name="GlobalRisk">Expected re-identified households over households (0–1).</param>
/// <param name="ExpectedReidentifiedPersons">Each person taking their household's risk, the sum over persons (sdcMicro's <c>hier_risk_ER</c>).</param>
/// <param name="PersonWeightedGlobalRisk">That sum over the person records (sdcMicro's <c>hier_risk</c>, 0–1).</param>
/// <param name="HighestHouseholdRisk">The largest household risk.</param>
/// <param name="HouseholdsAboveHalfRisk">Households whose risk is above 0.5.</param>
/// <param name="AboveHdxLimit">Whether the larger of the two global risks is above 3%.</param>
public sealed record HouseholdRiskReport(
    long Households, double ExpectedReidentifiedHouseholds, double GlobalRisk, double ExpectedReidentifiedPersons, double PersonWeightedGlobalRisk,
    double HighestHouseholdRisk, long HouseholdsAboveHalfRisk, bool AboveHdxLimit);

/// <summary>l-diversity of the sensitive field.</summary>
public sealed record LDiversityReport(long SmallestDistinctL, long ClassesWithOneValue, long RecordsWithOneValue);

/// <summary>What local suppression would blank to reach k, and the risk after it.</summary>
public sealed record SuppressionReport
{
    /// <summary>Quasi-identifier values blanked.</summary>
    public required long ValuesBlanked { get; init; }
    /// <summary>Records with at least one value blanked.</summary>
    public required long RecordsTouched { get; init; }
    /// <summary>Values blanked per quasi-identifier, in the order asked.</summary>
    public required IReadOnlyList<BlankedValuesReport> ByQuasiIdentifier { get; init; }
    /// <summary>Equivalence classes after suppression (a blank matches any value).</summary>
    public required long EquivalenceClasses { get; init; }
    /// <summary>Records in the smallest class after suppression.</summary>
    public required long SmallestClass { get; init; }
    /// <summary>Records still in classes below k after suppression.</summary>
    public required long RecordsBelowK { get; init; }
    /// <summary>Whether suppression reached k.</summary>
    public required bool KAnonymous { get; init; }
    /// <summary>Why k could not be reached, in words; null when it was.</summary>
    public required string? Reason { get; init; }
    /// <summary>Re-identification risk after suppression.</summary>
    public required RiskReport Risk { get; init; }
}

/// <summary>Values blanked in one quasi-identifier.</summary>
public sealed record BlankedValuesReport(string Name, long ValuesBlanked);

/// <summary>What <c>mosaic score</c> reports: the run, households per class and exposure method, and the calibration.</summary>
public sealed record ScoreReport(
    long RunId, string Model, string ModelVersion, long Households, IReadOnlyDictionary<string, long> Classes,
    IReadOnlyDictionary<string, long> ExposureMethods, IReadOnlyList<string> HazardLayers, CalibrationReport? Calibration);

/// <summary>A calibration: the errors of the hand-weighted and the calibrated model on held-out households, and the weights.</summary>
public sealed record CalibrationReport(
    long Training, long HeldOut, double Coverage, TargetingErrorsReport HandWeighted, TargetingErrorsReport Calibrated,
    IReadOnlyList<WeightReport> Weights, string? SavedTo);

/// <summary>Inclusion and exclusion errors of a targeting.</summary>
public sealed record TargetingErrorsReport(double InclusionError, double ExclusionError);

/// <summary>An indicator's weight before and after calibration.</summary>
public sealed record WeightReport(string Indicator, double Original, double Calibrated);

/// <summary>What <c>mosaic target</c> reports: the list written, the quotas and who it reaches.</summary>
public sealed record TargetListReport
{
    /// <summary>The list written (<c>--out</c>), or null when it went to stdout.</summary>
    public required string? Output { get; init; }
    /// <summary>The vulnerability model of the scoring run used.</summary>
    public required string Model { get; init; }
    /// <summary>That model's version.</summary>
    public required string ModelVersion { get; init; }
    /// <summary>Households asked for: <c>--count</c>, or the budget divided by the transfer value.</summary>
    public required long Requested { get; init; }
    /// <summary>Households on the list (at most <see cref="Requested"/> and <see cref="Eligible"/>).</summary>
    public required long Targeted { get; init; }
    /// <summary>Scored households in the area targeted.</summary>
    public required long InScope { get; init; }
    /// <summary>Households in scope that no exclusion rule removed.</summary>
    public required long Eligible { get; init; }
    /// <summary>Households excluded, per reason.</summary>
    public required IReadOnlyDictionary<string, int> Excluded { get; init; }
    /// <summary><see cref="Targeted"/> ÷ <see cref="Eligible"/>, from 0 to 1.</summary>
    public required double Coverage { get; init; }
    /// <summary>Whether names and phones were written (then <see cref="AuditEntry"/> is the audit log entry recording it).</summary>
    public required bool ContactsIncluded { get; init; }
    /// <summary>The audit log entry recording the export of contacts, or null when none were written.</summary>
    public required long? AuditEntry { get; init; }
    /// <summary>Per area, the households eligible, those high or extreme, and the quota allocated.</summary>
    public required IReadOnlyList<QuotaReport> Quotas { get; init; }
    /// <summary>Per group of each coverage dimension (sex of head, disability, …), who the list reaches.</summary>
    public required IReadOnlyList<CoverageReport> CoverageSummary { get; init; }
    /// <summary>Targeting errors against a reference poverty measure, when one was given.</summary>
    public required ReferenceErrorsReport? Errors { get; init; }
}

/// <summary>An area's quota of a targeted list.</summary>
public sealed record QuotaReport(string Area, string? Name, long Eligible, long HighOrExtreme, long Quota);

/// <summary>Who a targeted list reaches in one group of one dimension.</summary>
public sealed record CoverageReport(string Dimension, string Group, long Targeted, double TargetedShare, long HighOrExtreme, double HighOrExtremeShare);

/// <summary>Inclusion and exclusion errors against a reference measure of poverty.</summary>
public sealed record ReferenceErrorsReport(long HouseholdsWithReference, double PoorShare, long Poor, double InclusionError, double ExclusionError);

/// <summary>What <c>mosaic privacy age-bands</c> reports: the database's base age bands.</summary>
/// <param name="BaseAgeBands">Every suppressed table's and microdata file's bands must be groups of these.</param>
/// <param name="Configured">Whether the database sets them (otherwise Mosaic's built-in five-year bands).</param>
/// <param name="DefaultAgeBands">The bands of a table when none are asked for.</param>
/// <param name="Changed">Whether this run set them.</param>
public sealed record AgeBandsReport(string BaseAgeBands, bool Configured, string DefaultAgeBands, bool Changed);
