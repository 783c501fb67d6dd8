using Mosaic.Core.Application;
using Mosaic.Core.Import;

namespace Mosaic.Cli.Infrastructure;

/// <summary>Command-line hints added to Core's input messages (Core names no option).</summary>
internal static class InputHints
{
    public static string For(InputProblem problem) => problem switch
    {
        InputProblem.Encoding => " (with --encoding NAME, e.g. --encoding windows-1252)",
        _ => "",
    };

    /// <summary>The option that sets what a Core message points to, in brackets to follow the message ("" for none).</summary>
    public static string For(RequestSetting setting) => Option(setting) is { } option ? $" ({option})" : "";

    /// <summary>One hint line per setting that would fix some of the issues.</summary>
    public static IEnumerable<string> For(IEnumerable<ImportIssue> issues) =>
        issues.Select(i => Option(i.Remedy)).OfType<string>().Distinct(StringComparer.Ordinal).Select(o => "hint: " + o);

    private static string? Option(RequestSetting setting) => setting switch
    {
        RequestSetting.MembersFile => "give it with --members FILE",
        RequestSetting.PcodeProperty => "name it with --pcode-property NAME",
        RequestSetting.SeverityProperty => "name it with --severity-property NAME",
        RequestSetting.AgeBands => "bands set with --age-bands",
        RequestSetting.DisclosureMethod => "--method perturbation",
        RequestSetting.TextEncoding => "give the file's encoding with --encoding NAME, e.g. --encoding windows-1252",
        _ => null,
    };
}
