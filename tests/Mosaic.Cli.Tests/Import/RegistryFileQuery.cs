
namespace Mosaic.Cli.Tests.Import;

/// <summary>Reads what an import stored straight from the SQLite file, as the oracle of import tests.</summary>
internal static class RegistryFileQuery
{
    /// <summary>One row per stored person: submission id, line and the named person columns, as text ("" for NULL).</summary>
    public static List<string> Persons(string db, string columns)
    {
        using var raw = TestDb.OpenSql(db, readOnly: true);
        using var cmd = raw.CreateCommand();
        cmd.CommandText = $"SELECT h.submission_id, p.line, {columns} FROM person p JOIN household h ON h.id = p.household_id ORDER BY h.submission_id, p.line";
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            var cells = new string[r.FieldCount];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = r.IsDBNull(i) ? "" : TestDb.Text(r.GetValue(i));
            rows.Add(string.Join('|', cells));
        }
        return rows;
    }

    /// <summary>The result of one scalar query.</summary>
    public static long Count(string db, string sql)
    {
        using var raw = TestDb.OpenSql(db, readOnly: true);
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
