using System.CommandLine;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic privacy …</c>: disclosure risk of record-level (microdata) releases.</summary>
internal sealed class PrivacyCommand : Command
{
    public PrivacyCommand() : base("privacy", "Disclosure risk: of record-level exports (kanon), of published tables (audit), and the base age bands (age-bands)")
    {
        Subcommands.Add(new PrivacyKAnonymityCommand());
        Subcommands.Add(new PrivacyAuditCommand());
        Subcommands.Add(new PrivacyAgeBandsCommand());
    }
}
