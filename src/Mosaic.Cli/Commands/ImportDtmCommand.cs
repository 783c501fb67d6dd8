using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Import;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic import dtm FILE</c>.</summary>
internal sealed class ImportDtmCommand : MosaicCommand
{
    private readonly Argument<string> _file = new("FILE") { Description = "DTM API v3 JSON response, DTM/HDX HXL CSV, or HDX HAPI IDP CSV" };

    private readonly Option<string?> _encoding = EncodingOption.Create();

    private readonly Option<bool> _skipInvalid = new("--skip-invalid")
    {
        Description = "Import the valid records and report the rest (default: import nothing when any record is bad)",
    };

    public ImportDtmCommand() : base("dtm", """
        Import DTM location assessments (IDP counts per location and round). Reads a DTM API v3 displacement
        response (.json, admin 0/1/2), the DTM data as published on HDX (CSV with an HXL tag row), or HDX HAPI's
        IDP CSV. Import the P-code table first (mosaic import areas) so locations link to areas: unknown P-codes
        and locations linked by name only are reported, and the records are kept. Re-importing changes nothing;
        records are keyed by their DTM id. Bad records (unknown assessment type, negative counts, males +
        females above the total, dates out of range) go to FILE.errors.csv with the record and field named (warnings alone: FILE.warnings.csv;
        --errors names another file). A
        round reported at two dates, or round numbers going back in time (a renumbered series), are imported
        whole with a warning naming both records; the summary marks them.

        Examples:
          mosaic import areas tests/data/cod/global-pcodes-adm-1-2.csv --db dtm.db
          mosaic import dtm tests/data/dtm/displacement-admin2-admin0pcode-hti.json --db dtm.db
          mosaic import dtm tests/data/dtm/global-iom-dtm-from-api-admin-0-to-2.csv --db dtm.db
        """)
    {
        Arguments.Add(_file);
        Options.Add(_skipInvalid);
        Options.Add(_encoding);
        Options.Add(ErrorsOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var path = RequireFile(parse.GetValue(_file));
        var reportTarget = ReportTarget(parse, path);
        var skip = parse.GetValue(_skipInvalid);
        var csv = EncodingOption.Resolve(parse.GetValue(_encoding));
        using var store = await OpenStoreAsync(parse, console, create: true, cancellationToken);
        var result = await console.WithStatusAsync("importing DTM records", () => DtmImporter.ImportAsync(store.Areas, store.Mobility, ImportSource.FromFile(path),
            new DtmImportOptions { SkipInvalid = skip, Csv = csv }, cancellationToken));
        var all = ImportErrorFile.Combine(result.Errors, result.Warnings);
        var report = WriteImportReport(parse, console, path, reportTarget, result.Errors, result.Warnings);
        var c = result.Counts;
        if (console.Json)
        {
            console.WriteJson(new DtmImportReport
            {
                File = path,
                Format = result.Format,
                Committed = result.Committed,
                RecordsRead = result.RecordsRead,
                Inserted = c.Inserted,
                Updated = c.Updated,
                Unchanged = c.Unchanged,
                RecordsRejected = result.Errors.Count,
                Warnings = result.Warnings.Count,
                ErrorsFile = report is { WarningsOnly: false } ? report.Path : null,
                WarningsFile = report is { WarningsOnly: true } ? report.Path : null,
                AssessmentsTotal = await store.Mobility.CountAssessmentsAsync(cancellationToken),
            });
        }
        else if (result.Committed)
        {
            console.Info($"{result.Format}: {c.Inserted} inserted, {c.Updated} updated, {c.Unchanged} unchanged " +
                         $"({await store.Mobility.CountAssessmentsAsync(cancellationToken)} assessment records in the database)");
        }
        else
        {
            console.Info("nothing imported: the file has rejected records (use --skip-invalid to import the valid ones)");
        }
        console.ReportIssues(all, report, $"{result.Errors.Count} rejected record(s), {result.Warnings.Count} warning(s)");
        return result.Errors.Count > 0 && !skip ? ExitCodes.InputRejected : ExitCodes.Success;
    }
}
