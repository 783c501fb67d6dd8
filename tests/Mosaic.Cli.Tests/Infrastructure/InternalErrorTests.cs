using Mosaic.Cli.Infrastructure;

namespace Mosaic.Cli.Tests.Infrastructure;

public sealed class InternalErrorTests
{
    private static (int Exit, string Error) Report(params string[] args)
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("index out of step");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }
        var error = new StringWriter();
        var exit = InternalError.Report(thrown, MosaicCli.Build().Parse(args), error);
        return (exit, error.ToString());
    }

    [Fact]
    public void AnUnexpectedException_IsOneLineAskingForAReport_WithExitCode70AndNoStackTrace()
    {
        var (exit, error) = Report("tabulate", "--indicator", "x");
        Assert.Equal(70, exit);
        Assert.StartsWith("error: internal error, please report it", error, StringComparison.Ordinal);
        Assert.Contains("index out of step", error, StringComparison.Ordinal);
        Assert.Contains("--verbose", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void WithVerbose_TheStackTraceIsShown()
    {
        var (exit, error) = Report("tabulate", "--indicator", "x", "--verbose");
        Assert.Equal(70, exit);
        Assert.Contains("   at Mosaic.Cli.Tests.Infrastructure.InternalErrorTests.Report", error, StringComparison.Ordinal);
    }

    [Fact]
    public void VerboseIsAcceptedByEveryCommand()
    {
        var parse = MosaicCli.Build().Parse(["import", "areas", "x.csv", "--verbose"]);
        Assert.Empty(parse.Errors);
    }
}
