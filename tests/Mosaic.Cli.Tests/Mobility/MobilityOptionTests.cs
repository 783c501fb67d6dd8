using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Demo;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>Option values the data cannot answer are refused in the user's words, never silently accepted.</summary>
public sealed class MobilityOptionTests
{
    [Theory]
    [InlineData("2030-01-01")]
    [InlineData("2020-01-01")]
    public async Task Summary_SplitDateOutsideTheFlowObservations_IsRefusedWithTheObservedPeriod(string date)
    {
        using var t = new MobilityTestStore();
        await MobilityDemo.WriteAsync(t.Store, cancellationToken: TestContext.Current.CancellationToken);
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

    [Theory]
    [InlineData("--from", "2030-01-01")]
    [InlineData("--to", "2001-01-01")]
    public async Task Summary_PeriodOutsideTheFlowObservations_IsRefusedWithTheObservedPeriod(string option, string date)
    {
        // Before: the flows section was left out and the summary exited 0, as if nobody had crossed.
        using var t = new MobilityTestStore();
        await MobilityDemo.WriteAsync(t.Store, cancellationToken: TestContext.Current.CancellationToken);
        t.Store.Dispose();

        var run = CliRun.Invoke("mobility", "summary", option, date, "--db", t.DbPath);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Matches($@"{option} {date} is outside the flow observations \(\d{{4}}-\d\d-\d\d to \d{{4}}-\d\d-\d\d\): choose days within them", run.Error);
        Assert.Empty(run.Out);

        var inside = CliRun.Invoke("mobility", "summary", "--from", "2024-01-01", "--db", t.DbPath);
        Assert.Equal(0, inside.ExitCode);
        t.Reopen();
    }

    [Fact]
    public void Summary_PeriodWithoutAnyFlows_SaysToImportThem()
    {
        using var t = new MobilityTestStore();
        t.Store.Dispose();
        var run = CliRun.Invoke("mobility", "summary", "--from", "2026-01-01", "--db", t.DbPath);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--from 2026-01-01: there are no flow observations (import them with mosaic import flows)", run.Error, StringComparison.Ordinal);
        t.Reopen();
    }
}
