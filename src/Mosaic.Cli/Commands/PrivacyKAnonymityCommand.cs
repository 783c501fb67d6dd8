using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Tabulation;

namespace Mosaic.Cli.Commands;

/// <summary>
/// <c>mosaic privacy kanon --quasi DIMS [--k K]</c>: how far the registry's records are from k-anonymity over chosen
/// quasi-identifiers, and what local suppression would blank to reach it.
/// </summary>
public sealed class PrivacyKAnonymityCommand : MosaicCommand
{
    private static readonly string[] s_units = ["person", "household"];

    private readonly Option<string[]> _quasi = new("--quasi", "-q")
    {
        Description = "Quasi-identifiers, comma-separated, named as for `tabulate --by` (e.g. adm4,sex,age_group,migratory_status); " +
                      "local suppression blanks them in this order",
        HelpName = "DIMS",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<int> _k = new("--k", "-k")
    {
        Description = "Every combination of quasi-identifier values must be shared by at least K records",
        HelpName = "K",
        DefaultValueFactory = _ => 5,
    };

    private readonly Option<string> _unit = new("--unit")
    {
        Description = "Records are persons (default) or households (household fields only)",
        DefaultValueFactory = _ => "person",
    };

    private readonly Option<string?> _area = new("--area")
    {
        Description = "Only records of households in this area (P-code) or below it",
        HelpName = "PCODE",
    };

    private readonly Option<string?> _filter = new("--filter")
    {
        Description = "Only records meeting this condition, in the indicator expression language (e.g. \"mig_status != 'emigrant'\")",
        HelpName = "EXPR",
    };

    private readonly Option<string?> _ageBands = new("--age-bands")
    {
        Description = "Age groups for age_group, e.g. 0-4,5-17,18-59,60+ (the default)",
        HelpName = "BANDS",
    };

    private readonly Option<string?> _sensitive = new("--sensitive")
    {
        Description = "A sensitive field (e.g. disability) for l-diversity: how many different values of it each combination holds; " +
                      "a combination where everyone shares one value discloses it for each of them",
        HelpName = "FIELD",
    };

    public PrivacyKAnonymityCommand() : base("kanon", """
        Report k-anonymity of the registry's records over chosen quasi-identifiers — the fields an intruder could
        know about someone — as a record-level export would contain them: how many combinations (equivalence
        classes) are shared by fewer than K records, and how many values local suppression would blank (replace
        by *, in the order the quasi-identifiers are given) so that every combination has at least K records.
        Nothing in the database is changed.

        Examples:
          mosaic privacy kanon --quasi adm4,sex,age_group,migratory_status
          mosaic privacy kanon -q village,sex,age_group -k 10 --filter "mig_status != 'emigrant'" --json
          mosaic privacy kanon -q adm4,dwelling,head_sex --unit household
          mosaic privacy kanon -q adm4,sex,age_group --sensitive disability
        """)
    {
        Options.Add(_quasi);
        Options.Add(_k);
        Options.Add(_unit);
        Options.Add(_area);
        Options.Add(_filter);
        Options.Add(_ageBands);
        Options.Add(_sensitive);
        _unit.AcceptOnlyFromAmong(s_units);
    }

    protected override int Execute(ParseResult parse, CliConsole console)
    {
        var k = parse.GetValue(_k);
        if (k < 1)
            throw new CliException(ExitCodes.Usage, "--k must be 1 or more");
        var quasi = SnapshotReading.Names(parse.GetValue(_quasi));
        var unit = parse.GetValue(_unit) == "household" ? FieldLevel.Household : FieldLevel.Person;
        var sensitiveName = parse.GetValue(_sensitive)?.Trim();
        if (sensitiveName is { Length: 0 })
            throw new CliException(ExitCodes.Usage, "--sensitive needs a field name (e.g. disability)");
        if (sensitiveName is not null && quasi.Contains(sensitiveName, StringComparer.Ordinal))
            throw new CliException(ExitCodes.Usage, $"'{sensitiveName}' is a quasi-identifier: a sensitive field must be another field");
        IReadOnlyList<string?[]> records;
        IReadOnlyList<string?>? sensitive = null;
        using (var store = OpenStore(parse, console))
        {
            try
            {
                var snapshot = SnapshotReading.Load(console, store);
                var bands = parse.GetValue(_ageBands) is { } text ? AgeBands.Parse(text) : AgeBands.Default;
                var fields = sensitiveName is null ? quasi : [.. quasi, sensitiveName];
                records = QuasiIdentifierRecords.Build(snapshot, fields, unit, bands, parse.GetValue(_area), parse.GetValue(_filter));
                if (sensitiveName is not null)
                {
                    // The sensitive value travels as the last field and is split off: it is not a quasi-identifier.
                    sensitive = [.. records.Select(r => r[^1])];
                    records = [.. records.Select(r => r[..^1])];
                }
            }
            catch (TabulationException ex)
            {
                throw new CliException(ExitCodes.Usage, ex.Message);
            }
        }

        var before = KAnonymity.Report(records, k);
        var sizes = KAnonymity.ClassSizes(records);
        var (suppressed, after) = KAnonymity.Suppress(records, k, [.. Enumerable.Range(0, quasi.Count)]);
        var byColumn = KAnonymity.SuppressedByColumn(suppressed);
        var recordsTouched = suppressed.Count(r => Array.IndexOf(r, KAnonymity.SuppressedMark) >= 0);
        var riskBefore = MicrodataRisk.Measure(records, sensitive);
        var riskAfter = MicrodataRisk.Measure(suppressed, sensitive);
        var unitName = unit == FieldLevel.Person ? "person" : "household";

        if (console.Json)
        {
            console.WriteJson(new KAnonymityCheckReport
            {
                Unit = unitName,
                QuasiIdentifiers = quasi,
                Sensitive = sensitiveName,
                K = k,
                Records = before.Records,
                EquivalenceClasses = before.EquivalenceClasses,
                SmallestClass = before.SmallestClass,
                ClassesBelowK = before.ClassesAtRisk,
                RecordsBelowK = before.RecordsAtRisk,
                KAnonymous = before.IsKAnonymous,
                ClassSizesBelowK = sizes.Where(s => s.Size < k).Select(s => new ClassSizeReport(s.Size, s.Classes)).ToList(),
                Risk = Risk(riskBefore),
                Suppression = new SuppressionReport
                {
                    ValuesBlanked = after.SuppressedValues,
                    RecordsTouched = recordsTouched,
                    ByQuasiIdentifier = quasi.Select((q, i) => new BlankedValuesReport(q, byColumn.ElementAtOrDefault(i))).ToList(),
                    EquivalenceClasses = after.EquivalenceClasses,
                    SmallestClass = after.SmallestClass,
                    RecordsBelowK = after.RecordsAtRisk,
                    KAnonymous = after.IsKAnonymous,
                    Reason = after.Reason,
                    Risk = Risk(riskAfter),
                },
            });
            return ExitCodes.Success;
        }

        console.Info($"k-anonymity of {before.Records:N0} {unitName} records over {string.Join(", ", quasi)} (k = {k})" +
                     (sensitiveName is null ? "" : $"; sensitive field {sensitiveName}"));
        console.Info($"  equivalence classes: {before.EquivalenceClasses:N0}, smallest {before.SmallestClass:N0}");
        console.Info($"  below k: {before.ClassesAtRisk:N0} classes holding {before.RecordsAtRisk:N0} records ({Percent(before.RecordsAtRisk, before.Records)})");
        if (before.ClassesAtRisk > 0)
            console.Info("  class sizes below k: " + string.Join(", ", sizes.Where(s => s.Size < k).Select(s => $"{s.Size}: {s.Classes:N0}")));
        console.Info(RiskLine(riskBefore));
        if (before.IsKAnonymous)
        {
            console.Info("  already k-anonymous: local suppression would blank nothing");
            return ExitCodes.Success;
        }
        console.Info($"local suppression (blanking {quasi[0]} first{(quasi.Count > 1 ? ", then " + string.Join(", ", quasi.Skip(1)) : "")}):");
        console.Info($"  values blanked: {after.SuppressedValues:N0} in {recordsTouched:N0} records " +
                     $"({string.Join(", ", quasi.Select((q, i) => $"{q} {byColumn.ElementAtOrDefault(i):N0}"))})");
        console.Info($"  after: {after.EquivalenceClasses:N0} classes, smallest {after.SmallestClass:N0}, " +
                     (after.IsKAnonymous ? "k-anonymous" : $"{after.RecordsAtRisk:N0} records still below k: {after.Reason}"));
        console.Info(RiskLine(riskAfter));
        return ExitCodes.Success;
    }

    private static RiskReport Risk(MicrodataRiskReport r) => new(
        Math.Round(r.ExpectedReidentifications, 3), Math.Round(r.GlobalRisk, 6), Math.Round(r.HighestIndividualRisk, 6), r.RecordsAboveHalfRisk,
        r.Exceeds(MicrodataRisk.DefaultMaximumGlobalRisk),
        r.SmallestDistinctL is { } l ? new LDiversityReport(l, r.ClassesWithOneSensitiveValue, r.RecordsWithOneSensitiveValue) : null);

    private static string RiskLine(MicrodataRiskReport r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"  re-identification risk: global {r.GlobalRisk:P2} ({r.ExpectedReidentifications:0.#} expected re-identifications, {r.RecordsAboveHalfRisk:N0} unique records)") +
        (r.Exceeds(MicrodataRisk.DefaultMaximumGlobalRisk) ? "; above the 3% limit for an export" : "; within the 3% limit for an export") +
        (r.SmallestDistinctL is { } l
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Environment.NewLine}  l-diversity of the sensitive field: smallest l = {l}; {r.ClassesWithOneSensitiveValue:N0} classes ({r.RecordsWithOneSensitiveValue:N0} records) hold one value only, which anyone in them discloses")
            : "");

    private static string Percent(long part, long whole) =>
        whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
