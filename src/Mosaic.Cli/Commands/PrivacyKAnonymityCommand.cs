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
internal sealed class PrivacyKAnonymityCommand : MosaicCommand
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

    private readonly Option<string?> _area = RecordOptions.Area();
    private readonly Option<string?> _filter = RecordOptions.Filter();
    private readonly Option<string?> _ageBands = RecordOptions.AgeBands();

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

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
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
        KAnonymityCheckReport report;
        using (var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken))
        {
            try
            {
                var request = new KAnonymityRequest(quasi, k, unit)
                {
                    AreaPcode = parse.GetValue(_area),
                    Filter = parse.GetValue(_filter),
                    AgeBands = RecordOptions.Bands(parse, _ageBands),
                    Sensitive = sensitiveName,
                };
                report = await SnapshotReading.UseAsync(console, store, snapshot => KAnonymityAssessment.Run(snapshot, request), cancellationToken);
            }
            catch (TabulationException ex)
            {
                throw new CliException(ExitCodes.Usage, ex.Message);
            }
        }

        if (console.Json)
        {
            console.WriteJson(report);
            return ExitCodes.Success;
        }
        Render(console, report);
        return ExitCodes.Success;
    }

    private static void Render(CliConsole console, KAnonymityCheckReport r)
    {
        var quasi = r.QuasiIdentifiers;
        console.Info($"k-anonymity of {r.Records:N0} {r.Unit} records over {string.Join(", ", quasi)} (k = {r.K})" +
                     (r.Sensitive is null ? "" : $"; sensitive field {r.Sensitive}"));
        console.Info($"  equivalence classes: {r.EquivalenceClasses:N0}, smallest {r.SmallestClass:N0}");
        console.Info($"  below k: {r.ClassesBelowK:N0} classes holding {r.RecordsBelowK:N0} records ({Percent(r.RecordsBelowK, r.Records)})");
        if (r.ClassesBelowK > 0)
            console.Info("  class sizes below k: " + string.Join(", ", r.ClassSizesBelowK.Select(s => $"{s.Size}: {s.Classes:N0}")));
        console.Info(RiskLine(r.Risk));
        if (r.KAnonymous)
        {
            console.Info("  already k-anonymous: local suppression would blank nothing");
            return;
        }
        var after = r.Suppression;
        console.Info($"local suppression (blanking {quasi[0]} first{(quasi.Count > 1 ? ", then " + string.Join(", ", quasi.Skip(1)) : "")}):");
        console.Info($"  values blanked: {after.ValuesBlanked:N0} in {after.RecordsTouched:N0} records " +
                     $"({string.Join(", ", after.ByQuasiIdentifier.Select(b => $"{b.Name} {b.ValuesBlanked:N0}"))})");
        console.Info($"  after: {after.EquivalenceClasses:N0} classes, smallest {after.SmallestClass:N0}, " +
                     (after.KAnonymous ? "k-anonymous" : $"{after.RecordsBelowK:N0} records still below k: {after.Reason}"));
        console.Info(RiskLine(after.Risk));
    }

    private static string RiskLine(RiskReport r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"  re-identification risk: global {r.GlobalRisk:P2} ({r.ExpectedReidentifications:0.#} expected re-identifications, {r.UniqueRecords:N0} unique records)") +
        (r.AboveHdxLimit ? "; above the 3% limit for an export" : "; within the 3% limit for an export") +
        (r.HouseholdRisk is { } h
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Environment.NewLine}  household-level risk, for a file that keeps household ids: {h.GlobalRisk:P2} of {h.Households:N0} households " +
                $"({h.ExpectedReidentifiedHouseholds:0.#} expected re-identified), sdcMicro's hierarchical risk {h.PersonWeightedGlobalRisk:P2}") +
              (h.AboveHdxLimit ? "; above the 3% limit for such an export" : "; within the 3% limit for such an export")
            : "") +
        (r.LDiversity is { } l
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Environment.NewLine}  l-diversity of the sensitive field: smallest l = {l.SmallestDistinctL}; {l.ClassesWithOneValue:N0} classes ({l.RecordsWithOneValue:N0} records) hold one value only, which anyone in them discloses")
            : "");

    private static string Percent(long part, long whole) =>
        whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
