namespace Mosaic.Benchmarks.Commands;

/// <summary>
/// Not a timing: prints the SQL the <c>commands</c> harness gives <c>sqlite3</c> for the tabulation (the 16 grouping
/// sets), or, given Mosaic's CSV and sqlite3's, checks every published cell against sqlite3's count — for timing both
/// by hand on a registry too large for the whole harness.
/// </summary>
internal sealed class TabulationSqlBenchmark : IBenchmark
{
    public string Name => "tabulation-sql";

    public string Description => "prints the tabulation's SQL for sqlite3, or checks a Mosaic CSV against sqlite3's counts";

    public int Run(string[] args)
    {
        if (args.Length >= 2)
        {
            var cells = TabulationSql.CheckTotals(File.ReadAllText(args[0]), File.ReadAllText(args[1]));
            Console.WriteLine($"totals agree: {cells:N0} published cells equal sqlite3's counts");
            return 0;
        }
        Console.WriteLine(TabulationSql.GroupingSets());
        return 0;
    }
}
