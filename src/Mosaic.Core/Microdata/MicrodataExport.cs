using System.Globalization;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Files;
using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Microdata;

/// <summary>
/// The microdata export use case: one record per person (or household) of the registry, reduced to an area column
/// at a chosen level, key variables and other categorical fields. It reads the columnar snapshot, which holds no
/// names, phones, GPS points or submission ids, so none can reach the file. The re-identification risk of the
/// records as they would be written is measured first (after local suppression when k is given); a file above the
/// global-risk limit is not written at all. A person file with household ids (<see cref="MicrodataExportRequest.HouseholdIds"/>)
/// is held against its household-level risk (<see cref="HouseholdRisk.GoverningRisk"/>) instead: whoever finds one
/// member there finds the household's every row.
/// </summary>
public static class MicrodataExport
{
    /// <summary>The name of the household number column of a person file with household ids.</summary>
    public const string HouseholdColumn = "household";

    private const int ListedSmallClasses = 20;
    private const int LargestListedClassSize = 10;

    /// <summary>Measures the records' risk and writes the file when it is within the limit.</summary>
    /// <param name="snapshot">The registry.</param>
    /// <param name="request">What to export.</param>
    /// <param name="cancellationToken">Stops the export; a file not yet renamed into place is then removed by its owner.</param>
    /// <returns>The report; <see cref="MicrodataExportReport.Written"/> is false (and nothing was written) above the limit.</returns>
    /// <exception cref="TabulationException">An unknown, numeric, area or repeated field, a bad level or filter.</exception>
    /// <exception cref="OutputFileException">The output cannot be written where asked (when the use case writes it itself).</exception>
    public static MicrodataExportReport Run(RegistrySnapshot snapshot, MicrodataExportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var (keys, fields, sensitiveIndex) = Columns(request);
        if (request.K is < 1)
            throw new TabulationException("k must be 1 or more");
        if (request.HouseholdIds && request.Unit != FieldLevel.Person)
            throw new TabulationException("household ids are for person files: a household file already has one row per household");
        if (request.MaxGlobalRisk is not (> 0 and <= 1))
            throw new TabulationException("the global-risk limit must be above 0 and at most 1 (100%)");
        if ((keys.Contains("age_group") || fields.Contains("age_group")) && !request.AgeBands.IsCoarseningOf(request.BaseAgeBands))
        {
            throw new TabulationException(
                $"age bands {request.AgeBands} are not groups of the base bands ({request.BaseAgeBands}): two files by different " +
                "bands could be matched to recover persons of one age. Use bands from 0 to an open last band whose boundaries " +
                "are base boundaries (e.g. 0-14,15-64,65+)");
        }

        var (rows, households) = QuasiIdentifierRecords.BuildWithHouseholds(snapshot, [.. keys, .. fields], request.Unit, request.AgeBands,
            request.AreaPcode, request.Filter);
        IReadOnlyList<int>? householdOf = request.HouseholdIds ? households : null;
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string?>? sensitive = sensitiveIndex is { } s ? rows.Select(r => r[keys.Count + s]).ToList() : null;

        // Without suppression the keys are the rows' first values, measured in place; suppression needs them apart.
        IReadOnlyList<string?[]> written = rows;
        int? width = keys.Count;
        LocalSuppressionReport? suppression = null;
        if (request.K is { } k)
        {
            var keyRecords = rows.Select(r => r[..keys.Count]).ToList();
            var (suppressed, after) = KAnonymity.Suppress(keyRecords, k, [.. Enumerable.Range(0, keys.Count)]);
            (written, width) = (suppressed, null);
            suppression = Suppression(keys, k, keyRecords, suppressed, after, sensitive, householdOf);
        }
        var risk = MicrodataRisk.Measure(written, sensitive, householdOf, width);
        var sizes = KAnonymity.ClassSizes(written, width);
        var within = risk.Household is { } household ? !household.Exceeds(request.MaxGlobalRisk) : !risk.Exceeds(request.MaxGlobalRisk);
        string? file = null;
        if (within)
        {
            IReadOnlyList<string> header = request.HouseholdIds ? [HouseholdColumn, .. keys, .. fields] : [.. keys, .. fields];
            var records = householdOf is null
                ? MicrodataRows.Combine(written, rows, keys.Count)
                : MicrodataRows.CombineByHousehold(written, rows, keys.Count, householdOf);
            var about = About(request, keys, fields, risk, suppression);
            file = Path.GetFullPath(request.Output);
            if (request.WritePath is { } writePath)
            {
                MicrodataFile.Write(writePath, request.Format, header, records, about, cancellationToken);
            }
            else
            {
                using var output = OutputFile.Begin(request.Output, replace: false, []);
                MicrodataFile.Write(output.TemporaryPath, request.Format, header, records, about, cancellationToken);
                output.Commit();
            }
        }
        return new MicrodataExportReport
        {
            File = file,
            Format = request.Format.ToString().ToLowerInvariant(),
            Unit = request.Unit == FieldLevel.Person ? "person" : "household",
            AreaLevel = request.AreaLevel,
            KeyVariables = keys,
            Fields = fields,
            HouseholdIds = request.HouseholdIds,
            Sensitive = request.Sensitive,
            Records = written.Count,
            EquivalenceClasses = sizes.Sum(c => (long)c.Classes),
            SmallestClass = sizes.Count == 0 ? 0 : sizes[0].Size,
            Risk = KAnonymityAssessment.Risk(risk),
            IndividualRisk = [.. sizes.Where(c => c.Size <= LargestListedClassSize)
                .Select(c => new IndividualRiskReport(c.Size, Math.Round(1.0 / c.Size, 6), (long)c.Size * c.Classes))],
            MaxGlobalRisk = request.MaxGlobalRisk,
            Written = within,
            Refusal = within ? null : Refusal(request, risk),
            KWithinLimit = within ? null : risk.Household?.KWithin(request.MaxGlobalRisk) ?? KWithin(request.MaxGlobalRisk),
            Suppression = suppression,
        };
    }

    /// <summary>The area column and key variables, the other fields, and where the sensitive field is among the fields.</summary>
    private static (List<string> Keys, List<string> Fields, int? SensitiveIndex) Columns(MicrodataExportRequest request)
    {
        var level = request.AreaLevel;
        if (!IsAreaLevel(level))
            throw new TabulationException($"'{level}' is not an area level: name adm1 … adm9 or village");
        var person = request.Unit == FieldLevel.Person;
        var keys = new List<string> { level };
        keys.AddRange(request.KeyVariables ?? (person ? MicrodataExportRequest.DefaultPersonKeys : MicrodataExportRequest.DefaultHouseholdKeys));
        var fields = new List<string>(request.Fields ?? (person ? MicrodataExportRequest.DefaultPersonFields : MicrodataExportRequest.DefaultHouseholdFields));
        foreach (var name in keys.Skip(1).Concat(fields))
        {
            if (IsAreaLevel(name) || name == "area")
                throw new TabulationException($"'{name}' is an area: the file has one area column, at the level chosen ({level})");
            if (SnapshotFields.NumericNames.Contains(name, StringComparer.Ordinal))
            {
                throw new TabulationException(
                    $"'{name}' is a number: a microdata file holds categories only, since exact amounts and ages single people out" +
                    (name == "age" ? " (use age_group)" : ""));
            }
        }
        if (keys.Intersect(fields, StringComparer.Ordinal).FirstOrDefault() is { } both)
            throw new TabulationException($"'{both}' is both a key variable and another field: name it once");
        int? sensitiveIndex = null;
        if (request.Sensitive is { } sensitive)
        {
            if (keys.Contains(sensitive, StringComparer.Ordinal))
                throw new TabulationException($"'{sensitive}' is a key variable: a sensitive field must be another field");
            if (!fields.Contains(sensitive, StringComparer.Ordinal))
                fields.Add(sensitive);
            sensitiveIndex = fields.IndexOf(sensitive);
        }
        return (keys, fields, sensitiveIndex);
    }

    private static bool IsAreaLevel(string name) =>
        name == "village" || (name.Length == 4 && name.StartsWith("adm", StringComparison.Ordinal) && name[3] is >= '1' and <= '9');

    private static LocalSuppressionReport Suppression(List<string> keys, int k, List<string?[]> before, IReadOnlyList<string?[]> after,
        KAnonymityReport report, IReadOnlyList<string?>? sensitive, IReadOnlyList<int>? householdOf)
    {
        var byColumn = KAnonymity.SuppressedByColumn(after);
        var small = after.GroupBy(r => r, RecordComparer.Instance).Where(g => g.Count() < k)
            .OrderBy(g => g.Count()).Take(ListedSmallClasses)
            .Select(g => new SmallClassReport([.. g.Key.Select(v => v ?? "")], g.Count())).ToList();
        return new LocalSuppressionReport
        {
            K = k,
            ValuesBlanked = report.SuppressedValues,
            RecordsTouched = after.Count(r => Array.IndexOf(r, KAnonymity.SuppressedMark) >= 0),
            ByKeyVariable = [.. keys.Select((name, i) => new BlankedValuesReport(name, byColumn.ElementAtOrDefault(i)))],
            KAnonymous = report.IsKAnonymous,
            Reason = report.Reason,
            ClassesBelowK = small,
            RiskBefore = KAnonymityAssessment.Risk(MicrodataRisk.Measure(before, sensitive, householdOf)),
        };
    }

    private static List<(string Key, string Value)> About(MicrodataExportRequest request, List<string> keys, List<string> fields,
        MicrodataRiskReport risk, LocalSuppressionReport? suppression) =>
    [
        ("unit", request.Unit == FieldLevel.Person ? "person" : "household"),
        ("records", risk.Records.ToString(CultureInfo.InvariantCulture)),
        ("area_level", request.AreaLevel),
        ("key_variables", string.Join(",", keys)),
        ("fields", string.Join(",", fields)),
        ("k", suppression?.K.ToString(CultureInfo.InvariantCulture) ?? ""),
        ("global_risk", risk.GlobalRisk.ToString("0.######", CultureInfo.InvariantCulture)),
        ("expected_reidentifications", risk.ExpectedReidentifications.ToString("0.###", CultureInfo.InvariantCulture)),
        ("household_ids", request.HouseholdIds ? "yes: persons of one household share a number of this file's own" : "no"),
        ("household_global_risk", risk.Household?.GlobalRisk.ToString("0.######", CultureInfo.InvariantCulture) ?? ""),
        ("household_person_weighted_risk", risk.Household?.PersonWeightedGlobalRisk.ToString("0.######", CultureInfo.InvariantCulture) ?? ""),
        ("expected_reidentified_households", risk.Household?.ExpectedReidentifiedHouseholds.ToString("0.###", CultureInfo.InvariantCulture) ?? ""),
        ("max_global_risk", request.MaxGlobalRisk.ToString("0.######", CultureInfo.InvariantCulture)),
        ("suppressed_mark", KAnonymity.SuppressedMark),
        ("personal_data", "none: no names, phones, GPS points or registry ids"),
    ];

    // Every class holding at least k records means at most n/k classes, so a global risk of at most 1/k.
    private static int KWithin(double maximum) => (int)Math.Ceiling(1 / maximum - 1e-9);

    private static string Refusal(MicrodataExportRequest request, MicrodataRiskReport risk)
    {
        if (risk.Household is { } household)
            return HouseholdRefusal(request, risk, household);
        var kNeeded = KWithin(request.MaxGlobalRisk);
        return string.Create(CultureInfo.InvariantCulture,
            $"the records' global re-identification risk is {risk.GlobalRisk:0.00%} ({risk.ExpectedReidentifications:0.#} expected re-identifications " +
            $"in {risk.Records:N0} records), above the limit of {request.MaxGlobalRisk:0.00%}: no file was written. To bring it under the limit, " +
            $"roll the areas up to a coarser level than {request.AreaLevel}, name fewer or coarser key variables, or apply local suppression " +
            $"with a k of at least {kNeeded} (which guarantees it); or raise the limit if the file's recipients may take that risk");
    }

    private static string HouseholdRefusal(MicrodataExportRequest request, MicrodataRiskReport risk, HouseholdRisk household) =>
        string.Create(CultureInfo.InvariantCulture,
            $"the records' household-level re-identification risk is {household.GoverningRisk:0.00%} ({household.ExpectedReidentifiedHouseholds:0.#} " +
            $"expected re-identified households of {household.Households:N0}, {household.GlobalRisk:0.00%}; sdcMicro's hierarchical risk " +
            $"{household.PersonWeightedGlobalRisk:0.00%} of {risk.Records:N0} person records), above the limit of {request.MaxGlobalRisk:0.00%}: " +
            $"no file was written. The rows carry household ids, so whoever re-identifies one member finds the household and every member's " +
            $"row. To bring it under the limit, leave the household ids out (the person-level global risk is {risk.GlobalRisk:0.00%}), roll the " +
            $"areas up to a coarser level than {request.AreaLevel}, name fewer or coarser key variables, or apply local suppression with a k of at " +
            $"least {household.KWithin(request.MaxGlobalRisk)} (which guarantees it for households of up to {household.LargestHousehold} members); " +
            $"or raise the limit if the file's recipients may take that risk");
}
