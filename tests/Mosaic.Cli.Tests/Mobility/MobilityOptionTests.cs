using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Demo;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>Option values the data cannot answer are refused in the user's words, never silently accepted.</summary>
public sealed class MobilityOptionTests
{
    [Theory]
    [InlineData("2030-01-01")]
    [InlineData("2020-01-01")]
    public void Summary_SplitDateOutsideTheFlowObservations_IsRefusedWithTheObservedPeriod(string date)
    {
        using var t = new MobilityTestStore();
        MobilityDemo.Write(t.Store);
        t.Store.Dispose();

        var run = CliRun.Invoke("mobility", "summary", "--split-date", date, "--db", t.DbPath);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"--split-date {date} is outside the flow observations (", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        t.Reopen();
    }

    [Fact]
    public void Summary_DateThatIsNotADate_SaysTheExpectedFormatNotADotNetType()
    {
        using var t = new MobilityTestStore();
        t.Store.Dispose();

        var run = CliRun.Invoke("mobility", "summary", "--split-date", "1st of June", "--db", t.DbPath);

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains("--split-date must be a date written YYYY-MM-DD", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error + run.Out, StringComparison.Ordinal);
        t.Reopen();
    }

    [Fact]
    public void Summary_FromAfterTo_IsRefused()
    {
        using var t = new MobilityTestStore();
        t.Store.Dispose();
        var run = CliRun.Invoke("mobility", "summary", "--from", "2026-07-01", "--to", "2026-06-01", "--db", t.DbPath);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--from 2026-07-01 is after --to 2026-06-01", run.Error, StringComparison.Ordinal);
        t.Reopen();
    }
}
