using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Audit;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic audit verify</c>: checks the audit log's hash chain and guards.</summary>
internal sealed class AuditVerifyCommand : MosaicCommand
{
    public AuditVerifyCommand() : base("verify", """
        Check that the audit log is intact: every entry matches its hash chained to the entry before it, no entry
        is missing (also the newest), and the database still refuses changes to the log. Reports each entry where
        the chain breaks and exits with code 6 when anything is wrong. Prints the newest entry's hash: note it
        down, and a log rewritten from scratch later will not end in it.

        Examples:
          mosaic audit verify
          mosaic audit verify --json
        """)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        using var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken);
        var result = await AuditVerifier.VerifyAsync(store.AuditLog, cancellationToken);
        if (console.Json)
        {
            console.WriteJson(new AuditVerifyReport(result.Intact, result.Entries, result.HeadHash,
                result.Problems.Select(p => new AuditProblemReport(p.EntryId, p.Reason)).ToList()));
        }
        else if (result.Intact)
        {
            var head = result.HeadHash is { } h ? $", newest entry's hash {h}" : "";
            console.Info(string.Create(CultureInfo.InvariantCulture, $"audit log intact: {result.Entries} entries{head}"));
        }
        else
        {
            console.Info(string.Create(CultureInfo.InvariantCulture, $"audit log NOT intact ({result.Problems.Count} problem(s) in {result.Entries} entries):"));
            foreach (var p in result.Problems)
                console.Info(p.EntryId > 0 ? $"  entry #{p.EntryId}: {p.Reason}" : $"  {p.Reason}");
        }
        return result.Intact ? ExitCodes.Success : ExitCodes.AuditLogTampered;
    }
}
