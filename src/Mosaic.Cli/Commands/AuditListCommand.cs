using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic audit list [--limit N]</c>.</summary>
internal sealed class AuditListCommand : MosaicCommand
{
    private readonly Option<int?> _limit = new("--limit") { Description = "Show only the N newest entries", HelpName = "N" };

    public AuditListCommand() : base("list", """
        List the audit log, newest first: when, who (operating-system user), what (e.g.
        target.export_contacts), where the data went, the area scope, how many households and persons had
        personal data written, and the command line (passwords masked). Entries can be neither changed nor
        deleted.

        Examples:
          mosaic audit list --limit 20
          mosaic audit list --json
        """)
    {
        Options.Add(_limit);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var limit = parse.GetValue(_limit);
        if (limit is < 1)
            throw new CliException(ExitCodes.Usage, "--limit must be at least 1");
        using var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken);
        var entries = await store.AuditLog.ReadAsync(limit, cancellationToken);
        var inv = CultureInfo.InvariantCulture;
        if (console.Json)
        {
            console.WriteJson(new AuditListReport(entries.Select(e => new AuditEntryReport(
                e.Id, e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", inv), e.Actor, e.Action, e.Subject, e.Scope, e.Households, e.Persons,
                e.CommandLine)).ToList()));
            return ExitCodes.Success;
        }
        if (entries.Count == 0)
        {
            console.Info("the audit log is empty: no personal data has been exported from this database");
            return ExitCodes.Success;
        }
        foreach (var e in entries)
        {
            console.Info(string.Create(inv,
                $"#{e.Id} {e.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z {e.Actor} {e.Action} → {e.Subject} (scope {e.Scope ?? "all areas"}; {e.Households} households, {e.Persons} persons)"));
            console.Info($"    {e.CommandLine}");
        }
        return ExitCodes.Success;
    }
}
