using Mosaic.Core.Application.Reports;
using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Disclosure;

/// <summary>What to assess: the quasi-identifiers an intruder could know, the k to reach, and which records.</summary>
/// <param name="QuasiIdentifiers">Dimension names as for a tabulation; local suppression blanks them in this order.</param>
/// <param name="K">Every combination must be shared by at least this many records (1 or more).</param>
/// <param name="Unit">Records are persons or households.</param>
public sealed record KAnonymityRequest(IReadOnlyList<string> QuasiIdentifiers, int K, FieldLevel Unit)
{
    /// <summary>Only records of households in this area's subtree (null: all).</summary>
    public string? AreaPcode { get; init; }

    /// <summary>Only records meeting this condition (the indicator expression language).</summary>
    public string? Filter { get; init; }

    /// <summary>Bands for <c>age_group</c>.</summary>
    public AgeBands AgeBands { get; init; } = AgeBands.Default;

    /// <summary>A sensitive field for l-diversity (not a quasi-identifier), or null.</summary>
    public string? Sensitive { get; init; }
}

/// <summary>
/// The k-anonymity assessment of a record-level export: how far the registry's records are from k-anonymity over the
/// quasi-identifiers, their re-identification risk, and what local suppression would blank to reach k. Reads the
/// snapshot only; nothing is changed.
/// </summary>
public static class KAnonymityAssessment
{
    /// <exception cref="Application.RequestRejectedException">k below 1, or the sensitive field is a quasi-identifier.</exception>
    /// <exception cref="TabulationException">An unknown or numeric field, a bad filter.</exception>
    public static KAnonymityCheckReport Run(RegistrySnapshot snapshot, KAnonymityRequest request)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var quasi = request.QuasiIdentifiers;
        if (request.K < 1)
            throw new Application.RequestRejectedException("k must be 1 or more");
        if (request.Sensitive is { } named && quasi.Contains(named, StringComparer.Ordinal))
            throw new Application.RequestRejectedException($"'{named}' is a quasi-identifier: a sensitive field must be another field");

        var fields = request.Sensitive is null ? quasi : [.. quasi, request.Sensitive];
        var (records, households) = QuasiIdentifierRecords.BuildWithHouseholds(snapshot, fields, request.Unit, request.AgeBands, request.AreaPcode, request.Filter);
        // Person records are measured as a file that keeps each household's members together would be: the registry
        // groups them, and an export with household ids carries the grouping to the intruder.
        IReadOnlyList<int>? householdOf = request.Unit == FieldLevel.Person ? households : null;
        IReadOnlyList<string?>? sensitive = null;
        if (request.Sensitive is not null)
        {
            // The sensitive value travels as the last field and is split off: it is not a quasi-identifier.
            sensitive = [.. records.Select(r => r[^1])];
            records = [.. records.Select(r => r[..^1])];
        }

        var k = request.K;
        var before = KAnonymity.Report(records, k);
        var sizes = KAnonymity.ClassSizes(records);
        var (suppressed, after) = KAnonymity.Suppress(records, k, [.. Enumerable.Range(0, quasi.Count)]);
        var byColumn = KAnonymity.SuppressedByColumn(suppressed);
        return new KAnonymityCheckReport
        {
            Unit = request.Unit == FieldLevel.Person ? "person" : "household",
            QuasiIdentifiers = quasi,
            Sensitive = request.Sensitive,
            K = k,
            Records = before.Records,
            EquivalenceClasses = before.EquivalenceClasses,
            SmallestClass = before.SmallestClass,
            ClassesBelowK = before.ClassesAtRisk,
            RecordsBelowK = before.RecordsAtRisk,
            KAnonymous = before.IsKAnonymous,
            ClassSizesBelowK = [.. sizes.Where(s => s.Size < k).Select(s => new ClassSizeReport(s.Size, s.Classes))],
            Risk = Risk(MicrodataRisk.Measure(records, sensitive, householdOf)),
            Suppression = new SuppressionReport
            {
                ValuesBlanked = after.SuppressedValues,
                RecordsTouched = suppressed.Count(r => Array.IndexOf(r, KAnonymity.SuppressedMark) >= 0),
                ByQuasiIdentifier = [.. quasi.Select((q, i) => new BlankedValuesReport(q, byColumn.ElementAtOrDefault(i)))],
                EquivalenceClasses = after.EquivalenceClasses,
                SmallestClass = after.SmallestClass,
                RecordsBelowK = after.RecordsAtRisk,
                KAnonymous = after.IsKAnonymous,
                Reason = after.Reason,
                Risk = Risk(MicrodataRisk.Measure(suppressed, sensitive, householdOf)),
            },
        };
    }

    /// <summary>The report form of a measured risk (rounded as printed), shared with the microdata export.</summary>
    internal static RiskReport Risk(MicrodataRiskReport r) => new(
        Math.Round(r.ExpectedReidentifications, 3), Math.Round(r.GlobalRisk, 6), Math.Round(r.HighestIndividualRisk, 6), r.RecordsAboveHalfRisk,
        r.Exceeds(MicrodataRisk.DefaultMaximumGlobalRisk),
        r.SmallestDistinctL is { } l ? new LDiversityReport(l, r.ClassesWithOneSensitiveValue, r.RecordsWithOneSensitiveValue) : null)
    {
        HouseholdRisk = r.Household is { } h
            ? new HouseholdRiskReport(h.Households, Math.Round(h.ExpectedReidentifiedHouseholds, 3), Math.Round(h.GlobalRisk, 6),
                Math.Round(h.ExpectedReidentifiedPersons, 3), Math.Round(h.PersonWeightedGlobalRisk, 6), Math.Round(h.HighestHouseholdRisk, 6),
                h.HouseholdsAboveHalfRisk, h.Exceeds(MicrodataRisk.DefaultMaximumGlobalRisk))
            : null,
    };
}
