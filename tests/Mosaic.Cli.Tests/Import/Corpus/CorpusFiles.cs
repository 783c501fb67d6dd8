using System.Globalization;
using System.Text;
using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import.Corpus;

/// <summary>
/// What the malformed-corpus tests share: copying a corpus file, asserting a refusal, reading what was stored
/// straight from the SQLite file, and finding the line and byte of a damage in a JSON file from the file's own bytes
/// (the oracle of the positions the importers report).
/// </summary>
internal static class CorpusFiles
{
    /// <summary>Copies <c>tests/data/malformed/…</c> into the test's folder (reports are written beside the input).</summary>
    public static string Copy(TempDirectory dir, params string[] parts)
    {
        var path = dir.File(parts[^1]);
        File.Copy(TestData.Path(["malformed", .. parts]), path, overwrite: true);
        return path;
    }

    /// <summary>Exit code 3, every expected text on stderr, no stack trace.</summary>
    public static void AssertRefused(CliRun run, params string[] expected)
    {
        Assert.True(run.ExitCode == ExitCodes.InputRejected, $"exit {run.ExitCode}: {run.Error}");
        foreach (var e in expected)
            Assert.Contains(e, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Exit code 0, with stderr shown when not.</summary>
    public static void AssertImported(CliRun run) => Assert.True(run.ExitCode == ExitCodes.Success, $"exit {run.ExitCode}: {run.Error}");

    /// <summary>The rows of a query on the database file, cells joined by '|' ("" for NULL).</summary>
    public static List<string> Rows(string db, string sql)
    {
        var rows = new List<string>();
        if (!TestDb.Exists(db))
            return rows;
        using var raw = TestDb.OpenSql(db, readOnly: true);
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var cells = new string[r.FieldCount];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = r.IsDBNull(i) ? "" : TestDb.Text(r.GetValue(i));
            rows.Add(string.Join('|', cells));
        }
        return rows;
    }

    /// <summary>How many rows a table holds (0 when the database was never created).</summary>
    public static long Count(string db, string table) =>
        Rows(db, TestDb.UsesPostgres
            ? $"SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '{table}'"
            : $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") is ["1"]
            ? long.Parse(Rows(db, $"SELECT count(*) FROM {table}")[0], CultureInfo.InvariantCulture)
            : 0;

    /// <summary>"line L, byte B" (from 1) of the first occurrence of <paramref name="needle"/>, moved on by <paramref name="skip"/> bytes.</summary>
    public static string PositionOf(string path, byte[] needle, int skip = 0)
    {
        var bytes = File.ReadAllBytes(path);
        var at = bytes.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, $"{path} does not contain the damage the test looks for");
        return Position(bytes, at + skip);
    }

    /// <summary>"line L, byte B" of the first opening bracket nested deeper than 64 (the files' strings hold no brackets).</summary>
    public static string DeepestOpening(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var depth = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is (byte)'[' or (byte)'{' && ++depth > 64)
                return Position(bytes, i);
            if (bytes[i] is (byte)']' or (byte)'}')
                depth--;
        }
        throw new InvalidOperationException($"{path} is not nested more than 64 deep");
    }

    /// <summary>"line L, byte B" of the last byte of the file: where a truncated file stops making sense.</summary>
    public static string EndOf(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Position(bytes, bytes.Length);
    }

    /// <summary>The file with one text replaced (a huge cell made at test time rather than committed).</summary>
    public static string Rewrite(TempDirectory dir, string source, string name, string find, string replace, Encoding? encoding = null)
    {
        encoding ??= new UTF8Encoding(false);
        var text = encoding.GetString(File.ReadAllBytes(source));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var path = dir.File(name);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllBytes(path, encoding.GetBytes(string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length))));
        return path;
    }

    private static string Position(byte[] bytes, int at)
    {
        var lineStart = bytes.AsSpan(0, at).LastIndexOf((byte)'\n') + 1;
        var line = bytes.AsSpan(0, at).Count((byte)'\n') + 1;
        return string.Create(CultureInfo.InvariantCulture, $"line {line}, byte {at - lineStart + 1}");
    }
}
