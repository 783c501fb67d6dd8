using System.Globalization;
using Mosaic.Core.Tests.Disclosure.Oracle;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>What the intruder tests read: the CSV tables the CLI wrote, and the public area tree of the database.</summary>
internal static class PublishedCsv
{
    /// <summary>The dimension of a table restricted to one area: its only category, "in", is the area's subtree.</summary>
    public const string ScopePrefix = "in:";

    /// <summary>The area tree (public): each area's level and parent.</summary>
    public static Dictionary<string, (int Level, string? Parent)> Areas(string db)
    {
        using var connection = TestDb.OpenSql(db, readOnly: true);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT pcode, level, parent_pcode FROM area";
        using var reader = cmd.ExecuteReader();
        var areas = new Dictionary<string, (int, string?)>(StringComparer.Ordinal);
        while (reader.Read())
            areas[reader.GetString(0)] = (Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), reader.IsDBNull(2) ? null : reader.GetString(2));
        return areas;
    }

    /// <summary>
    /// A CSV table the CLI wrote, as a user reads it: a code per dimension (not the labels) and the value, none when
    /// suppressed; a table restricted to <paramref name="area"/> has the area's scope as one more dimension.
    /// </summary>
    public static PlainTable Read(string file, string name, string? area, Func<Func<string, string>, bool> counts)
    {
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        var dims = header.Select((h, i) => (h, i)).Where(x => x.h is not ("value" or "suppressed") && !x.h.EndsWith("_label", StringComparison.Ordinal)).ToList();
        int value = Array.IndexOf(header, "value"), suppressed = Array.IndexOf(header, "suppressed");
        string[] scope = area is null ? [] : [ScopePrefix + area];
        var cells = lines.Skip(1).Select(line => line.Split(',')).Select(f => new PlainCell(
            [.. dims.Select(d => f[d.i]), .. scope.Select(_ => "in")],
            f[suppressed] == "true" ? null : double.Parse(f[value], CultureInfo.InvariantCulture))).ToList();
        return new PlainTable(name, [.. dims.Select(d => d.h), .. scope], cells, counts);
    }
}
