using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Demo;
using Mosaic.Core.Registry.Export;
using Mosaic.Server.Infrastructure;
using Spectre.Console;

namespace Mosaic.Cli.Commands;

/// <summary>What <c>mosaic demo</c> prints: a JSON object, or a few lines and (until the server exists) summary tables.</summary>
internal static class DemoReport
{
    public static DemoRunReport Json(string database, DemoOptions options, DemoRun run, KoboExportResult? export)
    {
        var s = run.Summary;
        return new DemoRunReport
        {
            Database = database,
            Seed = options.Seed,
            Households = s.Households,
            Persons = s.Persons,
            PersonsWithDisability = s.PersonsWithDisability,
            PersonsByStatus = s.ByStatus().ToDictionary(e => e.Status, e => e.Persons),
            HouseholdsByStatus = s.ByStatus().ToDictionary(e => e.Status, e => e.Households),
            PersonsBySex = s.BySex().ToDictionary(e => e.Sex, e => e.Persons),
            PersonsByAgeGroup = s.ByAgeGroup().ToDictionary(e => e.AgeGroup, e => e.Persons),
            Export = export is null ? null : new DemoExportReport(export.Directory, export.Files),
            Counts = run.Counts.ToDictionary(c => c.Key, c => (object)c.Value),
        };
    }

    public static void Text(CliConsole console, string database, DemoOptions options, DemoGenerator demo, DemoRun run,
        KoboExportResult? export, bool tables, string? urls)
    {
        var s = run.Summary;
        var counts = run.Counts.ToDictionary(c => c.Key, c => c.Value);
        var c = CultureInfo.InvariantCulture;
        console.Info(string.Format(c, "demo dataset (seed {0}): {1:N0} households, {2:N0} persons in {3} villages of Chilmari upazila",
            options.Seed, s.Households, s.Persons, demo.Geography.Villages.Count));
        console.Info(string.Format(c, "database {0}: {1:N0} areas ({2:N0} new), {3:N0} households added, {4:N0} already present",
            database, counts.GetValueOrDefault("areas"), counts.GetValueOrDefault("areas_inserted"),
            counts.GetValueOrDefault("households_added"), counts.GetValueOrDefault("households_already_present")));
        if (export is not null)
            console.Info($"Kobo export written to {export.Directory}: {string.Join(", ", export.Files.Select(Path.GetFileName))}, areas.csv, areas.geojson, flood.geojson, erosion.geojson");
        if (!tables)
            return;

        console.Info("");
        var statusRows = s.ByStatus().Where(e => e.Persons > 0)
            .Select(e => new[] { e.Status, N(e.Households), N(e.Persons), Share(e.Persons, s.Persons) });
        Print(console, "By migratory status", ["status", "households", "persons", "% persons"], statusRows);
        Print(console, "Persons by sex", ["sex", "persons", "%"], s.BySex().Select(e => new[] { e.Sex, N(e.Persons), Share(e.Persons, s.Persons) }));
        Print(console, "Persons by age group", ["age group", "persons", "%"],
            s.ByAgeGroup().Select(e => new[] { e.AgeGroup, N(e.Persons), Share(e.Persons, s.Persons) }));
        var names = demo.Geography.Unions.ToDictionary(u => u.Pcode, u => u.Name);
        Print(console, "By union", ["union", "P-code", "households", "persons"],
            s.ByUnion().Select(e => new[] { names.GetValueOrDefault(e.UnionPcode, "?"), e.UnionPcode, N(e.Households), N(e.Persons) }));
        console.Info(string.Format(c, "persons with a disability (WG-SS, age 5+): {0:N0}", s.PersonsWithDisability));
        console.Info("");
        console.Info($"Starting the dashboard on {urls ?? ServerOptions.DefaultUrls} (use --no-serve to build the data only)…");
    }

    private static void Print(CliConsole console, string title, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        if (console.IsTerminal)
        {
            var table = new Table { Title = new TableTitle(title) }.Border(TableBorder.Rounded);
            for (var i = 0; i < header.Length; i++)
                table.AddColumn(new TableColumn(Markup.Escape(header[i])) { Alignment = i == 0 || header[i] == "P-code" ? Justify.Left : Justify.Right });
            foreach (var row in all)
                table.AddRow(row.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
            return;
        }
        // Plain aligned text for pipes and logs: first column left-aligned, numbers right-aligned.
        var widths = header.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        console.Info(title);
        string Line(string[] cells) => "  " + string.Join("  ", cells.Select((v, i) =>
            i == 0 || header[i] == "P-code" ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))).TrimEnd();
        console.Info(Line(header));
        foreach (var row in all)
            console.Info(Line(row));
        console.Info("");
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(long part, long total) =>
        total == 0 ? "-" : (100.0 * part / total).ToString("0.0", CultureInfo.InvariantCulture);
}
