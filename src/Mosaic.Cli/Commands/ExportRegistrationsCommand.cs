using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Microdata;
using Mosaic.Core.Tabulation;

namespace Mosaic.Cli.Commands;

/// <summary>
/// <c>mosaic export registrations --format csv|hxl|xlsx --out FILE</c>: the registry as record-level microdata without
/// personal data, refused above a global re-identification risk.
/// </summary>
internal sealed class ExportRegistrationsCommand : MosaicCommand
{
    private static readonly string[] s_formats = ["csv", "hxl", "xlsx"];
    private static readonly string[] s_units = ["person", "household"];

    private readonly Option<string> _format = new("--format")
    {
        Description = "File format: csv (formula guard on), hxl (the CSV with an HXL hashtag row) or xlsx (sheets records, with an HXL row, and about)",
        DefaultValueFactory = _ => "csv",
    };

    private readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Output file (an existing file is replaced only with --force)",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<string> _unit = new("--unit")
    {
        Description = "One record per person (default) or per household (household fields only)",
        DefaultValueFactory = _ => "person",
    };

    private readonly Option<string> _level = new("--level")
    {
        Description = "Admin level of the area column (adm1 … adm4, village): P-codes are rolled up to it; coarser is safer",
        HelpName = "LEVEL",
        DefaultValueFactory = _ => MicrodataExportRequest.DefaultAreaLevel,
    };

    private readonly Option<string[]> _keys = new("--keys")
    {
        Description = "Key variables besides the area — what someone could know about a person (default for persons: sex,age_group,migratory_status; " +
                      "households: head_sex,dwelling). Risk is measured over them; local suppression blanks the area first, then these in order",
        HelpName = "FIELDS",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> _fields = new("--fields")
    {
        Description = "Other categorical fields to include (default for persons: disability,in_school,employed_before,employed_now; " +
                      "households: remittances,remittance_change,debt,savings,assistance_received)",
        HelpName = "FIELDS",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> _sensitive = new("--sensitive")
    {
        Description = "A sensitive field (e.g. disability) whose l-diversity is reported; it is added to the fields if not there",
        HelpName = "FIELD",
    };

    private readonly Option<int?> _k = new("--k", "-k")
    {
        Description = "Local suppression: blank key values (as *) until every combination of keys is shared by at least K records",
        HelpName = "K",
    };

    private readonly Option<string> _maxRisk = new("--max-global-risk")
    {
        Description = "Refuse to write a file whose global re-identification risk is above this (a fraction or a percentage: 0.03 or 3%)",
        HelpName = "RISK",
        DefaultValueFactory = _ => "3%",
    };

    private readonly Option<bool> _householdIds = new("--household-id")
    {
        Description = "Person files: a first column 'household' numbering each person's household (the file's own numbers, no registry id), " +
                      "so members can be regrouped. The risk is then measured per household (found when any member is) and the limit applies to it",
    };

    private readonly Option<string?> _area = RecordOptions.Area();
    private readonly Option<string?> _filter = RecordOptions.Filter();
    private readonly Option<string?> _ageBands = RecordOptions.AgeBands();

    public ExportRegistrationsCommand() : base("registrations", """
        Export the registry as record-level microdata for analysts: one row per person (or household) with the
        area rolled up to a chosen level, key variables and other categorical fields. Never names, phones, GPS
        points, exact ages, amounts or registry ids: contact lists only leave through `mosaic target --include-contacts`,
        which is audited. Before writing, the re-identification risk of the rows is measured as sdcMicro does
        (individual risk 1/F per key combination, global risk = expected re-identifications / records, and
        l-diversity of --sensitive); a file above --max-global-risk (default 3%, HDX's rule) is not written
        (exit code 2). Local suppression (--k) blanks key values until every combination holds K records.
        With --household-id, person rows carry their household's number and the limit is held against the
        household-level risk (a household is found when any of its members is, as sdcMicro's hierarchical risk).

        Examples:
          mosaic export registrations --format csv --out persons.csv
          mosaic export registrations --format xlsx --out persons.xlsx --level adm3 --sensitive disability
          mosaic export registrations --out households.csv --unit household --k 5
          mosaic export registrations --out persons-hh.csv --level adm3 --keys sex,age_group --household-id
        """)
    {
        _format.AcceptOnlyFromAmong(s_formats);
        _unit.AcceptOnlyFromAmong(s_units);
        Options.Add(_format);
        Options.Add(_out);
        Options.Add(ForceOption);
        Options.Add(_unit);
        Options.Add(_level);
        Options.Add(_keys);
        Options.Add(_fields);
        Options.Add(_sensitive);
        Options.Add(_k);
        Options.Add(_maxRisk);
        Options.Add(_householdIds);
        Options.Add(_area);
        Options.Add(_filter);
        Options.Add(_ageBands);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var k = parse.GetValue(_k);
        if (k is < 1)
            throw new CliException(ExitCodes.Usage, "--k must be 1 or more");
        var maxRisk = Risk(parse.GetValue(_maxRisk)!);
        var sensitive = parse.GetValue(_sensitive)?.Trim();
        if (sensitive is { Length: 0 })
            throw new CliException(ExitCodes.Usage, "--sensitive needs a field name (e.g. disability)");
        var output = parse.GetValue(_out)!;
        var format = parse.GetValue(_format) switch
        {
            "xlsx" => MicrodataFormat.Xlsx,
            "hxl" => MicrodataFormat.Hxl,
            _ => MicrodataFormat.Csv,
        };
        var unit = parse.GetValue(_unit) == "household" ? FieldLevel.Household : FieldLevel.Person;
        var householdIds = parse.GetValue(_householdIds);
        if (householdIds && unit == FieldLevel.Household)
            throw new CliException(ExitCodes.Usage, "--household-id is for person files: with --unit household every row is already one household");

        MicrodataExportReport report;
        using (var file = BeginOutput(parse, console, output))
        {
            using (var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken))
            {
                var snapshot = await SnapshotReading.LoadAsync(console, store, cancellationToken);
                var ageBands = await AgeBandPolicies.ReadAsync(store, cancellationToken);
                try
                {
                    report = MicrodataExport.Run(snapshot, new MicrodataExportRequest(file.Path, format, unit)
                    {
                        AreaLevel = parse.GetValue(_level)!.Trim(),
                        KeyVariables = OrDefault(SnapshotReading.Names(parse.GetValue(_keys))),
                        Fields = OrDefault(SnapshotReading.Names(parse.GetValue(_fields))),
                        Sensitive = sensitive,
                        K = k,
                        MaxGlobalRisk = maxRisk,
                        HouseholdIds = householdIds,
                        AreaPcode = parse.GetValue(_area),
                        Filter = parse.GetValue(_filter),
                        AgeBands = ageBands.Resolve(parse.GetValue(_ageBands)),
                        BaseAgeBands = ageBands.Base,
                        WritePath = file.TemporaryPath,
                    }, console.Interruption?.Token ?? default);
                }
                catch (TabulationException ex)
                {
                    throw new CliException(ExitCodes.Usage, ex.Message);
                }
            }
            if (!report.Written)
            {
                // Disposing the output uncommitted removes its reserved temporary file: nothing is left behind.
                throw new CliException(ExitCodes.Usage,
                    report.Refusal + string.Create(CultureInfo.InvariantCulture,
                        $" (--level, --keys, --k {report.KWithinLimit}, {(report.HouseholdIds ? "no --household-id, " : "")}or --max-global-risk)"));
            }
            file.Commit();
            if (file.Replaced)
                console.Error.WriteLine($"replaced the existing {output} (--force)");
        }

        if (console.Json)
        {
            console.WriteJson(report);
            return ExitCodes.Success;
        }
        Render(console, report);
        return ExitCodes.Success;
    }

    /// <summary>An option not given (no names) stands for the unit's default set.</summary>
    private static List<string>? OrDefault(List<string> names) => names.Count == 0 ? null : names;

    private static double Risk(string text)
    {
        var value = text.Trim();
        var percent = value.EndsWith('%');
        if (!double.TryParse(percent ? value[..^1] : value, NumberStyles.Float, CultureInfo.InvariantCulture, out var risk) ||
            (risk = percent ? risk / 100 : risk) is not (> 0 and <= 1))
        {
            throw new CliException(ExitCodes.Usage, $"--max-global-risk '{text}': give a risk above 0 and at most 1, as a fraction (0.03) or a percentage (3%)");
        }
        return risk;
    }

    private static void Render(CliConsole console, MicrodataExportReport r)
    {
        console.Info($"{r.Records:N0} {r.Unit} records written to {r.File} ({r.Format}); no names, phones, GPS points or registry ids");
        console.Info($"  area column: {r.AreaLevel}; key variables: {string.Join(", ", r.KeyVariables)}; other fields: {string.Join(", ", r.Fields)}");
        if (r.Suppression is { } s)
        {
            console.Info($"  local suppression (k = {s.K}): {s.ValuesBlanked:N0} values blanked in {s.RecordsTouched:N0} records (" +
                         string.Join(", ", s.ByKeyVariable.Select(b => $"{b.Name} {b.ValuesBlanked:N0}")) + ")" +
                         (s.KAnonymous ? ", k-anonymous" : $"; not k-anonymous: {s.Reason}"));
            console.Info(string.Create(CultureInfo.InvariantCulture, $"  global risk before suppression: {s.RiskBefore.GlobalRisk:0.00%}"));
        }
        console.Info($"  equivalence classes: {r.EquivalenceClasses:N0}, smallest {r.SmallestClass:N0}");
        var risk = r.Risk;
        console.Info(string.Create(CultureInfo.InvariantCulture,
            $"  re-identification risk: global {risk.GlobalRisk:0.00%} ({risk.ExpectedReidentifications:0.#} expected re-identifications), " +
            $"highest individual {risk.HighestIndividualRisk:0%}, {risk.UniqueRecords:N0} unique records; limit {r.MaxGlobalRisk:0.00%}"));
        if (risk.HouseholdRisk is { } h)
        {
            console.Info(string.Create(CultureInfo.InvariantCulture,
                $"  household-level risk (rows carry household ids): {h.GlobalRisk:0.00%} of {h.Households:N0} households " +
                $"({h.ExpectedReidentifiedHouseholds:0.#} expected re-identified), sdcMicro's hierarchical risk {h.PersonWeightedGlobalRisk:0.00%}, " +
                $"highest {h.HighestHouseholdRisk:0%}; the limit applies to the larger"));
        }
        if (risk.LDiversity is { } l)
        {
            console.Info($"  l-diversity of {r.Sensitive}: smallest l = {l.SmallestDistinctL}; {l.ClassesWithOneValue:N0} classes " +
                         $"({l.RecordsWithOneValue:N0} records) hold one value only, which anyone in them discloses");
        }
    }
}
