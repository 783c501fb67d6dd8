using System.Diagnostics;
using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Infrastructure;

/// <summary>
/// Ctrl-C on a real <c>mosaic</c> process: the import stops, nothing is committed, the exit code says so. Runs on its
/// own (<see cref="SignalTimingGroup"/>): with the other CLI tests running beside it, the child could reach its
/// commit before the runtime had run the signal handler.
/// </summary>
[Collection(nameof(SignalTimingGroup))]
public sealed class InterruptionTests : IDisposable
{
    private const int SigInt = 2, SigStop = 19, SigCont = 18; // Linux numbering (x86-64 and arm64)

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the test project; two ints marshal as they are
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
#pragma warning restore SYSLIB1054

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ImportRegistrations_InterruptedMidway_CommitsNothingAndExits130()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads the child's file position from /proc");
        var kobo = _dir.File("kobo");
        Assert.Equal(0, CliRun.Invoke("demo", "--households", "16000", "--no-serve", "--db", TestDb.At(_dir.File("source.db")), "--export-kobo", kobo).ExitCode);
        var households = Path.Combine(kobo, "households.csv");
        var members = Path.Combine(kobo, "members.csv");

        // A Ctrl-C can arrive too late to stop the commit (the runtime runs the handler on its own thread, which a
        // busy machine delays): then the import must say it imported, and hold everything. Every attempt must end one
        // of the two truthful ways, never half-imported, and at least one of three must be a clean cancel.
        var outcomes = new List<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var db = TestDb.At(_dir.File($"target-{attempt}.db"));
            Assert.Equal(0, CliRun.Invoke("import", "areas", Path.Combine(kobo, "areas.csv"), "--db", db).ExitCode);
            using var child = MosaicProcess.Start("import", "registrations", households, "--members", members, "--db", db);
            var stderr = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stdout = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            // Interrupt once the importer has read a tenth of its input: the import is mid-way, its transaction open.
            // The child is frozen while the signal is sent (through libc, no `kill` process to start), so on a loaded
            // machine the import cannot run on to its commit before the signal is even delivered.
            await WaitUntilRead(child, (new FileInfo(households).Length + new FileInfo(members).Length) / 10);
            Assert.Equal(0, SendSignal(child.Id, SigStop));
            Assert.Equal(0, SendSignal(child.Id, SigInt));
            Assert.Equal(0, SendSignal(child.Id, SigCont));
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);

            using var store = TestDb.Open(db);
            outcomes.Add(child.ExitCode);
            if (child.ExitCode == ExitCodes.Cancelled)
            {
                Assert.Contains("cancelled", await stderr, StringComparison.Ordinal);
                Assert.DoesNotContain("imported", await stdout, StringComparison.Ordinal);
                Assert.Equal(0, await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
                Assert.Equal(0, await store.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken));
                return;
            }
            Assert.Equal(0, child.ExitCode);
            Assert.Contains("imported", await stdout, StringComparison.Ordinal);
            Assert.Equal(16000, await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
        }
        Assert.Fail($"Ctrl-C never cancelled the import in three attempts (exit codes {string.Join(", ", outcomes)})");
    }

    /// <summary>
    /// Polls the bytes the child has read (Linux /proc/PID/io; FileStream reads with pread, so descriptor
    /// positions do not move) until it has read <paramref name="bytes"/>: startup reads a few hundred kB at most.
    /// </summary>
    private static async Task WaitUntilRead(Process child, long bytes)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(child.HasExited, "the import finished before it could be interrupted");
            try
            {
                var line = File.ReadLines($"/proc/{child.Id}/io").First(l => l.StartsWith("rchar:", StringComparison.Ordinal));
                if (long.Parse(line["rchar:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture) >= bytes)
                    return;
            }
            catch (IOException)
            {
                // The process is ending; the next round sees it has exited.
            }
            // A polling interval, not a timing assumption: the condition above decides.
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.Fail("the child never read its input");
    }
}

/// <summary>Tests that signal a child process mid-way run alone, not in parallel with the rest of the assembly.</summary>
[CollectionDefinition(nameof(SignalTimingGroup), DisableParallelization = true)]
public sealed class SignalTimingGroup;
