using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mosaic.Storage.Contract;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests.Concurrency;

/// <summary>
/// Several <c>mosaic import</c> processes load overlapping files into one PostgreSQL database while another
/// connection keeps reading: every submission is stored exactly once, no reader ever sees part of a household, and
/// no import fails on a deadlock.
/// </summary>
public sealed class ConcurrentImportTests(PostgresServer server) : IDisposable
{
    private const int Households = 600;
    private readonly PostgresTestDatabase _database = new(server);
    private readonly TempDirectory _dir = new();

    /// <summary>Household i has (i mod 4) + 1 members: a reader can check every household is whole.</summary>
    private static int MembersOf(int i) => (i % 4) + 1;

    private (string Households, string Members) WriteFile(string name, int from, int to)
    {
        var households = new StringBuilder("_index,_uuid,consent,adm_pcode,dwelling,income_before,income_now\n");
        var members = new StringBuilder("_index,_parent_index,sex,age,relation,mig_status\n");
        var line = 0;
        for (var i = from; i < to; i++)
        {
            var index = i - from + 1;
            households.Append(CultureInfo.InvariantCulture, $"{index},hh-{i},yes,{(i % 2 == 0 ? "BD55490917" : "BD55490959")},permanent,{1000 + i},{900 + i}\n");
            for (var m = 0; m < MembersOf(i); m++)
                members.Append(CultureInfo.InvariantCulture, $"{++line},{index},{(m % 2 == 0 ? "female" : "male")},{20 + m},{(m == 0 ? "head" : "child")},non_migrant\n");
        }
        var h = _dir.File(name + "-households.csv");
        var p = _dir.File(name + "-members.csv");
        File.WriteAllText(h, households.ToString());
        File.WriteAllText(p, members.ToString());
        return (h, p);
    }

    private static Process Import(string db, (string Households, string Members) file)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "mosaic.dll"), "import", "registrations", file.Households, "--members", file.Members, "--db", db, "--json" })
            start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>Households in a file (its data rows).</summary>
    private static long Rows((string Households, string Members) file) => File.ReadLines(file.Households).Count() - 1;

    [Fact]
    public async Task OverlappingImportsFromSeveralProcesses_StoreEverySubmissionOnceAndReadersSeeWholeHouseholds()
    {
        var db = _database.ConnectionString();
        using (var store = _database.Open())
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var files = new[] { WriteFile("a", 0, 400), WriteFile("b", 200, 600), WriteFile("c", 100, 500), WriteFile("d", 0, Households) };
        var processes = files.Select(f => Import(db, f)).ToList();
        var outputs = processes.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Error: p.StandardError.ReadToEndAsync())).ToList();

        // Meanwhile: every read sees only whole households (one statement is one snapshot).
        var reads = 0;
        using (var reader = new NpgsqlConnection(db))
        {
            reader.Open();
            using var check = new NpgsqlCommand(
                "SELECT count(*), count(*) FILTER (WHERE (SELECT count(*) FROM person p WHERE p.household_id = h.id) " +
                "<> (substring(h.submission_id FROM 4)::integer % 4) + 1) FROM household h", reader);
            while (processes.Any(p => !p.HasExited) || reads == 0)
            {
                using var r = check.ExecuteReader();
                r.Read();
                Assert.Equal(0, r.GetInt64(1));
                Assert.InRange(r.GetInt64(0), 0, Households);
                reads++;
            }
        }
        long reportedHouseholds = 0, reportedPersons = 0;
        for (var i = 0; i < processes.Count; i++)
        {
            await processes[i].WaitForExitAsync(TestContext.Current.CancellationToken);
            var error = await outputs[i].Error;
            Assert.True(processes[i].ExitCode == 0, $"import {i} exited {processes[i].ExitCode}: {error}");
            Assert.DoesNotContain("deadlock", error, StringComparison.OrdinalIgnoreCase);
            processes[i].Dispose();
            // Each process reports what it stored; what another stored first counts as a duplicate it skipped.
            using var json = System.Text.Json.JsonDocument.Parse(await outputs[i].Out);
            var imported = json.RootElement.GetProperty("households_imported").GetInt64();
            Assert.Equal(Rows(files[i]), imported + json.RootElement.GetProperty("duplicates_skipped").GetInt64());
            reportedHouseholds += imported;
            reportedPersons += json.RootElement.GetProperty("persons_imported").GetInt64();
        }

        using var final = new NpgsqlConnection(db);
        final.Open();
        using var counts = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM household), (SELECT count(DISTINCT submission_id) FROM household), (SELECT count(*) FROM person)", final);
        using var c = counts.ExecuteReader();
        c.Read();
        var expectedPersons = Enumerable.Range(0, Households).Sum(MembersOf);
        Assert.Equal((Households, Households, expectedPersons), ((int)c.GetInt64(0), (int)c.GetInt64(1), (int)c.GetInt64(2)));
        // The reports add up to what is stored: no import claims a household another one stored.
        Assert.Equal((Households, expectedPersons), ((int)reportedHouseholds, (int)reportedPersons));
        Assert.True(reads > 0);
    }

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }
}
