using System.CommandLine;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic audit …</c>: the append-only log of personal-data exports.</summary>
internal sealed class AuditCommand : Command
{
    public AuditCommand() : base("audit", "The append-only log of every read or export of personal data")
    {
        Subcommands.Add(new AuditListCommand());
        Subcommands.Add(new AuditVerifyCommand());
    }
}
