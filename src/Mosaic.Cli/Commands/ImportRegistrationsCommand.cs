using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Import;
using Mosaic.Core.Registry.Import;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic import registrations FILE [--members FILE2] [--mapping MAP.json] [--skip-invalid]</c>.</summary>
internal sealed class ImportRegistrationsCommand : MosaicCommand
{
    private readonly Argument<string> _file = new("FILE")
    {
        Description = "Kobo XLSX export, household CSV (with --members) or ODK Central CSV zip",
    };

    private readonly Option<string?> _members = new("--members")
    {
        Description = "Member roster CSV when FILE is the household CSV (linked by _index/_parent_index or KEY/PARENT_KEY)",
        HelpName = "FILE2",
    };

    private readonly Option<string?> _mapping = new("--mapping")
    {
        Description = "JSON mapping of your form's fields and choice values to Mosaic's (default: the standard form)",
        HelpName = "MAP.json",
    };

    private readonly Option<bool> _skipInvalid = new("--skip-invalid")
    {
        Description = "Import the valid households and report the rest (default: import nothing when any row is rejected)",
    };

    private readonly Option<string?> _encoding = EncodingOption.Create();

    public ImportRegistrationsCommand() : base("registrations", """
        Import household registrations (households + member rosters) from KoboToolbox or ODK Central exports.
        The standard form (forms/household-registration.xlsx) needs no mapping; other forms need --mapping.

        The file lands whole or not at all: any rejected row leaves the database unchanged (exit code 3)
        unless --skip-invalid is given. Re-importing the same submissions (same _uuid / KEY) adds nothing;
        the same id with different content is reported as a conflict and never overwritten. Every rejected
        row is written to FILE.errors.csv (file, sheet, row, column, value, reason), or to the file
        named by --errors.

        Examples:
          mosaic import registrations docs/examples/registrations.xlsx
          mosaic import registrations docs/examples/households.csv --members docs/examples/members.csv
          mosaic import registrations docs/examples/odk-export.zip --mapping docs/examples/my-form.json --skip-invalid
          mosaic import areas docs/examples/areas.csv --db chilmari.db
          mosaic import registrations docs/examples/registrations.xlsx --db chilmari.db --json
        """)
    {
        Arguments.Add(_file);
        Options.Add(_members);
        Options.Add(_mapping);
        Options.Add(_skipInvalid);
        Options.Add(_encoding);
        Options.Add(ErrorsOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var path = RequireFile(parse.GetValue(_file));
        var membersPath = parse.GetValue(_members) is { } m ? RequireFile(m) : null;
        var mappingPath = parse.GetValue(_mapping) is { } mp ? RequireFile(mp) : null;
        var skipInvalid = parse.GetValue(_skipInvalid);
        var csv = EncodingOption.Resolve(parse.GetValue(_encoding));
        var reportTarget = ReportTarget(parse, path, membersPath, mappingPath);

        RegistrationMapping mapping;
        RegistrationInput input;
        try
        {
            mapping = mappingPath is null ? RegistrationMapping.Default : RegistrationMapping.Load(ImportSource.FromFile(mappingPath));
            input = RegistrationInput.Detect(ImportSource.FromFile(path), membersPath is null ? null : ImportSource.FromFile(membersPath), csv);
        }
        catch (RegistrationInputException ex)
        {
            throw new CliException(ExitCodes.InputRejected, ex.Message + InputHints.For(ex.Remedy));
        }
        catch (RegistrationMappingException ex)
        {
            throw new CliException(ExitCodes.InputRejected, ex.Message);
        }

        using var store = await OpenStoreAsync(parse, console, create: true, cancellationToken);
        RegistrationImportResult result;
        try
        {
            result = await console.WithProgressAsync("importing registrations", report =>
                RegistrationImporter.ImportAsync(store, input, mapping,
                    new RegistrationImportOptions(skipInvalid, p => report(p.BytesRead, p.TotalBytes)), cancellationToken));
        }
        catch (RegistrationInputException ex)
        {
            throw new CliException(ExitCodes.InputRejected, ex.Message + InputHints.For(ex.Remedy));
        }

        // Warnings (a GPS point outside its area) follow the problems in the same report; they never reject a row.
        var all = ImportErrorFile.Combine(result.Issues, result.Warnings);
        var report = WriteImportReport(parse, console, path, reportTarget, result.Issues, result.Warnings);
        if (console.Json)
        {
            console.WriteJson(new RegistrationImportReport
            {
                File = path,
                MembersFile = membersPath,
                Committed = result.Committed,
                HouseholdsImported = result.HouseholdsImported,
                PersonsImported = result.PersonsImported,
                HouseholdsValid = result.HouseholdsValid,
                HouseholdsRejected = result.HouseholdsRejected,
                HouseholdsDeclined = result.HouseholdsDeclined,
                RowsRejected = result.RowsRejected,
                DuplicatesSkipped = result.DuplicatesSkipped,
                Conflicts = result.Conflicts,
                Issues = result.Issues.Count,
                Warnings = result.Warnings.Count,
                ErrorsFile = report is { WarningsOnly: false } ? report.Path : null,
                WarningsFile = report is { WarningsOnly: true } ? report.Path : null,
                HouseholdRowsRead = result.HouseholdRowsRead,
                MemberRowsRead = result.MemberRowsRead,
                HouseholdsTotal = await store.Registry.CountHouseholdsAsync(cancellationToken: cancellationToken),
                PersonsTotal = await store.Registry.CountPersonsAsync(cancellationToken: cancellationToken),
            });
        }
        else
        {
            console.Info(result.Committed
                ? $"registrations: {result.HouseholdsImported} households and {result.PersonsImported} persons imported, " +
                  $"{result.DuplicatesSkipped} already stored, {result.HouseholdsDeclined} declined consent, " +
                  $"{result.HouseholdsRejected} rejected ({result.Conflicts} conflicts)"
                : $"nothing imported: {result.HouseholdsRejected} household(s) rejected ({result.Conflicts} conflicts, " +
                  $"{result.RowsRejected} rows); the database is unchanged. Fix the rows or use --skip-invalid " +
                  $"to import the {result.HouseholdsValid} valid households.");
        }
        console.ReportIssues(all, report, $"{result.Issues.Count} problem(s) in {result.RowsRejected} row(s)" +
            (result.Warnings.Count > 0 ? $", {result.Warnings.Count} warning(s)" : ""));
        return result.Issues.Count > 0 && !skipInvalid ? ExitCodes.InputRejected : ExitCodes.Success;
    }
}
