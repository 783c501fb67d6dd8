namespace Mosaic.Cli.Tests.Docs;

/// <summary>A <c>mosaic …</c> line found in the documentation or in a command's <c>--help</c>.</summary>
/// <param name="Source">Where it was found, e.g. <c>docs/user-guide/areas.md:12</c> or <c>mosaic import areas --help</c>.</param>
/// <param name="Text">The line as written (without a leading <c>$ </c>).</param>
/// <param name="ExpectsError">Shown as a transcript whose next line is <c>error: …</c>: the command must fail, with that message.</param>
internal sealed record DocCommand(string Source, string Text, bool ExpectsError = false)
{
    public override string ToString() => $"{Source}: {Text}";
}
