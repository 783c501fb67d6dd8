using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Targeting;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic target (--count N | --budget B --transfer T) … --out FILE</c>.</summary>
internal sealed class TargetCommand : MosaicCommand
{
    private readonly Option<int?> _count = new("--count") { Description = "Number of households to target", HelpName = "N" };

    private readonly Option<double?> _budget = new("--budget") { Description = "Total budget (with --transfer): targets floor(B / T) households", HelpName = "B" };

    private readonly Option<double?> _transfer = new("--transfer") { Description = "Transfer value per household (with --budget)", HelpName = "T" };

    private readonly Option<string> _quota = new("--quota")
    {
        Description = "Quotas per area: proportional (to eligible high/extreme households), equal, or none (top of the overall ranking)",
        DefaultValueFactory = _ => "proportional",
        HelpName = "MODE",
    };

    private readonly Option<string?> _area = new("--area")
    {
        Description = "Only households in this area's subtree; quotas go to its child areas (default: the smallest area holding every household)",
        HelpName = "PCODE",
    };

    private readonly Option<bool> _excludeAssisted = new("--exclude-assisted") { Description = "Leave out households that already received assistance" };

    private readonly Option<bool> _includeContacts = new("--include-contacts")
    {
        Description = "Add the head's name and phone (personal data: only for staff allowed to contact households)",
    };

    private readonly Option<double?> _poorShare = new("--poor-share")
    {
        Description = "Share of households counted as poor by reference welfare when measuring errors (default: the coverage)",
        HelpName = "SHARE",
    };

    private readonly Option<bool> _rawCsv = CommonOptions.RawCsv();

    private readonly Option<string> _out = new("--out")
    {
        Description = "Output file: .csv or .xlsx (an existing file is replaced only with --force)",
        HelpName = "FILE",
        Required = true,
    };

    public TargetCommand() : base("target", """
        Produce a ranked, explained target list from the stored scores.
        Run mosaic score first. Households are taken in rank order within each area's quota; ties are broken by submission id, so the same data
        always gives the same list. Prints quotas, a coverage summary (share of targeted households with
        returnee, displaced, … members and by sex of head, against their share among high/extreme
        households) and, when households have a reference welfare, the inclusion and exclusion errors.

        Examples:
          mosaic target --count 2000 --area BD554909 --out targets.xlsx
          mosaic target --budget 5000000 --transfer 2500 --quota equal --exclude-assisted --out targets.csv
        """)
    {
        Options.Add(_count);
        Options.Add(_budget);
        Options.Add(_transfer);
        Options.Add(_quota);
        Options.Add(_area);
        Options.Add(_excludeAssisted);
        Options.Add(_includeContacts);
        Options.Add(_poorShare);
        Options.Add(_out);
        Options.Add(_rawCsv);
        Options.Add(ForceOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var targeting = Request(parse);
        var output = parse.GetValue(_out)!;
        if (!output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !output.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            throw new CliException(ExitCodes.Usage, "--out must end in .csv or .xlsx");

        using var file = BeginOutput(parse, console, output);
        using var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken);
        var includeContacts = parse.GetValue(_includeContacts);
        // The use case writes the (temporary) file only after a contact list's audit entry is committed; the list
        // appears under its name only once complete.
        var result = await TargetExport.RunAsync(store, new TargetExportRequest(
            targeting, file.Path, includeContacts, CliActor.Current, CommandLineText.Of(parse)) { WritePath = file.TemporaryPath, Csv = CommonOptions.CsvOptions(parse.GetValue(_rawCsv)) },
            cancellationToken);
        file.Commit();
        if (file.Replaced)
            console.Error.WriteLine($"replaced the existing {output} (--force){(includeContacts ? ": it now holds the new contact list" : "")}");
        Report(console, result, targeting, output);
        return ExitCodes.Success;
    }

    private TargetingRequest Request(ParseResult parse)
    {
        var count = parse.GetValue(_count);
        var budget = parse.GetValue(_budget);
        var transfer = parse.GetValue(_transfer);
        if (count is null == (budget is null && transfer is null))
            throw new CliException(ExitCodes.Usage, "give either --count N or --budget B --transfer T");
        if (count is < 1)
            throw new CliException(ExitCodes.Usage, "--count must be at least 1");
        if (count is null && (budget is not > 0 || transfer is not > 0))
            throw new CliException(ExitCodes.Usage, "--budget and --transfer must both be given and positive");
        var quota = parse.GetValue(_quota) switch
        {
            "proportional" => QuotaMode.Proportional,
            "equal" => QuotaMode.Equal,
            "none" => QuotaMode.None,
            var other => throw new CliException(ExitCodes.Usage, $"unknown --quota '{other}'; use proportional, equal or none"),
        };
        var poorShare = parse.GetValue(_poorShare);
        if (poorShare is <= 0 or >= 1)
            throw new CliException(ExitCodes.Usage, "--poor-share must be between 0 and 1 (exclusive)");
        return new TargetingRequest
        {
            Count = count,
            Budget = budget,
            Transfer = transfer,
            Quota = quota,
            AreaPcode = parse.GetValue(_area),
            ExcludeAssisted = parse.GetValue(_excludeAssisted),
            PoorShare = poorShare,
        };
    }

    private static void Report(CliConsole console, TargetExportResult result, TargetingRequest request, string output)
    {
        var (list, run, auditId) = (result.List, result.Run, result.AuditEntryId);
        var e = list.Errors;
        if (console.Json)
        {
            console.WriteJson(new TargetListReport
            {
                Output = output,
                Model = run.ModelId,
                ModelVersion = run.ModelVersion,
                Requested = request.Requested,
                Targeted = list.Households.Count,
                InScope = list.InScope,
                Eligible = list.Eligible,
                Excluded = list.Excluded,
                Coverage = list.CoverageRate,
                ContactsIncluded = auditId is not null,
                AuditEntry = auditId,
                Quotas = list.Quotas.Select(q => new QuotaReport(q.Pcode, result.AreaNames.GetValueOrDefault(q.Pcode), q.Eligible, q.Priority, q.Quota)).ToList(),
                CoverageSummary = list.Coverage.Select(c => new CoverageReport(c.Dimension, c.Group, c.Targeted, c.TargetedShare, c.Priority, c.PriorityShare)).ToList(),
                Errors = e is null ? null : new ReferenceErrorsReport(e.Households, e.PoorShare, e.Poor, e.InclusionError, e.ExclusionError),
            });
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        console.Info(string.Create(inv, $"{list.Households.Count} of {list.Eligible} eligible households targeted ({list.CoverageRate:P1}) with {run.ModelId}@{run.ModelVersion} → {output}"));
        if (auditId is not null)
            console.Info(string.Create(inv, $"  contacts included: recorded in the audit log as entry #{auditId} (mosaic audit list)"));
        foreach (var (reason, n) in list.Excluded)
            console.Info(string.Create(inv, $"  excluded: {n} {reason.Replace('_', ' ')}"));
        if (list.Households.Count < request.Requested)
            console.Info(string.Create(inv, $"  note: {request.Requested} requested, only {list.Eligible} eligible"));
        console.Info("quotas:");
        foreach (var q in list.Quotas)
            console.Info(string.Create(inv, $"  {q.Pcode,-12} {Truncate(result.AreaNames.GetValueOrDefault(q.Pcode) ?? "", 20),-20} eligible {q.Eligible,7}  high/extreme {q.Priority,7}  quota {q.Quota,7}"));
        console.Info("coverage (share of targeted vs share of high/extreme households):");
        foreach (var c in list.Coverage.Where(c => c.Targeted > 0 || c.Priority > 0))
            console.Info(string.Create(inv, $"  {c.Dimension,-13} {c.Group,-22} {c.TargetedShare,7:P1}  vs {c.PriorityShare,7:P1}"));
        if (e is not null)
        {
            console.Info(string.Create(inv,
                $"errors vs reference welfare ({e.Households} households; poor = bottom {e.PoorShare:P0}): inclusion {e.InclusionError:P1}, exclusion {e.ExclusionError:P1}"));
        }
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
