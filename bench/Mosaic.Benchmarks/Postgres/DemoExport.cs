using System.Globalization;

namespace Mosaic.Benchmarks.Postgres;

/// <summary>The demo exported as CSVs (<c>mosaic demo --export-kobo</c>, seed 2026), made once per size in /tmp and shared with <c>import</c>.</summary>
internal static class DemoExport
{
    public static string Ensure(string mosaic, int households)
    {
        if (!File.Exists(mosaic))
            throw new InvalidOperationException($"build the CLI first: dotnet build -c Release src/Mosaic.Cli ({mosaic} not found)");
        var work = Path.Combine(Path.GetTempPath(), "mosaic-bench-import", households.ToString(CultureInfo.InvariantCulture));
        var export = Path.Combine(work, "export");
        if (!File.Exists(Path.Combine(export, "members.csv")))
        {
            Directory.CreateDirectory(work);
            Console.WriteLine($"generating the demo with {households:N0} households …");
            ChildProcess.Run(mosaic, "demo", "--no-serve", "--households", households.ToString(CultureInfo.InvariantCulture),
                "--db", Path.Combine(work, "demo.db"), "--export-kobo", export);
        }
        return export;
    }
}
