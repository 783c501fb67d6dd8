using System.Globalization;
using Mosaic.Core.Registry;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

// Households by id (a target list's): only the four listed columns of the household table, through a raw statement.
// Reading the whole households with their members cost ~1.3 s of CPU for 50,000 listed households at 1 M (SQLite's
// per-column calls for ~5 M values and 229,000 person objects) for fields the list never shows.
internal sealed partial class SqliteRegistryStore
{
    public Task<IReadOnlyList<ListedHousehold>> ReadListedHouseholdsAsync(IReadOnlyList<long> householdIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(householdIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (householdIds.Count == 0)
            return Task.FromResult<IReadOnlyList<ListedHousehold>>([]);
        // One JSON array parameter: any number of ids in one statement, no temporary table.
        var ids = "[" + string.Join(',', householdIds.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";
        // A list's households are spread over the whole table, each row read once: a small page cache for them.
        using var cache = PageCacheLimit.Lower(connection);
        using var households = new RawStatement(connection,
            $"SELECT {RegistryRowMapper.ListedColumns} FROM household WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id");
        households.Text(1, ids);
        var row = new RawRow(households);
        var result = new List<ListedHousehold>(householdIds.Count);
        while (households.Next())
        {
            if ((result.Count & 0xfff) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            result.Add(RegistryRowMapper.ReadListedHousehold(row));
        }
        return Task.FromResult<IReadOnlyList<ListedHousehold>>(result);
    }
}
