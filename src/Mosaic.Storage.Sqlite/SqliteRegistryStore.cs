using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

// SQLite runs in-process: each asynchronous call does its work on the caller's thread and returns a completed task,
// checking the token before it starts (and, in a long loop, every few thousand rows).
internal sealed partial class SqliteRegistryStore(SqliteConnection connection) : ISqliteRegistry
{
    public Task<IRegistrationBatch> BeginImportAsync(string source, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IRegistrationBatch>(new SqliteRegistrationBatch(connection, source));
    }

    // Maintained by triggers (migration 3), so every writer's commit is seen here, from any connection.
    public Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CurrentVersion());
    }

    private long CurrentVersion() =>
        Convert.ToInt64(connection.ExecuteScalar("SELECT version FROM registry_version WHERE id = 1", null), CultureInfo.InvariantCulture);

    public Task<long> CountHouseholdsAsync(string? areaPcode = null, CancellationToken cancellationToken = default) =>
        Count("SELECT count(*) FROM household h", areaPcode, cancellationToken);

    public Task<bool> HasHouseholdsAsync(CancellationToken cancellationToken = default)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        return Task.FromResult(Convert.ToInt64(connection.ExecuteScalar("SELECT EXISTS (SELECT 1 FROM household)", null), CultureInfo.InvariantCulture) != 0);
    }

    public Task<long> CountPersonsAsync(string? areaPcode = null, CancellationToken cancellationToken = default) =>
        Count("SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id", areaPcode, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountHouseholdsBySourceAsync(CancellationToken cancellationToken = default)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT b.source, count(*) FROM household h JOIN import_batch b ON b.id = h.batch_id GROUP BY b.source";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return Task.FromResult<IReadOnlyDictionary<string, long>>(counts);
    }

    private Task<long> Count(string sql, string? areaPcode, CancellationToken cancellationToken)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        // A count reads every page of its table (or index) once: through a small page cache, so counting a national
        // registry does not leave the connection holding up to 64 MiB of pages it will not read again.
        using var cache = PageCacheLimit.Lower(connection);
        return Task.FromResult(Convert.ToInt64(connection.ExecuteScalar(sql + AreaFilter(areaPcode), null, ("$area", areaPcode)), CultureInfo.InvariantCulture));
    }

    private static string AreaFilter(string? areaPcode) =>
        areaPcode is null ? "" : $" WHERE h.area_pcode IN ({RegistryColumns.SubtreePcodes})";

    public Task<IReadOnlyDictionary<MigratoryStatus, long>> CountPersonsByStatusAsync(string? areaPcode = null, CancellationToken cancellationToken = default)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        var result = new Dictionary<MigratoryStatus, long>();
        using var cmd = connection.CreateCommand(
            "SELECT p.mig_status, count(*) FROM person p JOIN household h ON h.id = p.household_id" + AreaFilter(areaPcode) +
            " GROUP BY p.mig_status", null, ("$area", areaPcode));
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result[Codes.MigratoryStatus.Parse(r.GetString(0))] = r.GetInt64(1);
        return Task.FromResult<IReadOnlyDictionary<MigratoryStatus, long>>(result);
    }

    public Task<Household?> GetHouseholdAsync(string submissionId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(" WHERE h.submission_id = $id", HouseholdFields.Standard, ("$id", submissionId)).FirstOrDefault());
    }

    public IAsyncEnumerable<Household> ReadHouseholdsAsync(string? areaPcode = null, HouseholdFields fields = HouseholdFields.Standard,
        CancellationToken cancellationToken = default) =>
        new SqliteAsyncStream<Household>(() => Read(AreaFilter(areaPcode), fields, ("$area", areaPcode)), cancellationToken);

    private IEnumerable<Household> Read(string where, HouseholdFields fields, params (string, object?)[] parameters)
    {
        // Names and phones are not even selected (DESIGN §7); the GPS point only when asked for.
        var householdColumns = fields.HasFlag(HouseholdFields.Location) ? RegistryColumns.Household : RegistryColumns.HouseholdWithoutLocation;
        // Two ordered streams merged by household id: memory stays flat however large the registry.
        using var households = connection.CreateCommand(
            $"SELECT h.id, {householdColumns} FROM household h{where} ORDER BY h.id", null, parameters);
        using var persons = connection.CreateCommand(
            $"SELECT p.household_id, {Prefixed("p.", RegistryColumns.PersonWithoutContacts)} FROM person p JOIN household h ON h.id = p.household_id{where} " +
            "ORDER BY p.household_id, p.line", null, parameters);
        using var hr = households.ExecuteReader();
        using var pr = persons.ExecuteReader();
        var (householdRow, personRow) = (new ReaderRow(hr), new ReaderRow(pr));
        var hasPerson = pr.Read();
        while (hr.Read())
        {
            var id = hr.GetInt64(0);
            var members = new List<Person>();
            while (hasPerson && pr.GetInt64(0) < id)
                hasPerson = pr.Read();
            while (hasPerson && pr.GetInt64(0) == id)
            {
                members.Add(RegistryRowMapper.ReadPerson(personRow));
                hasPerson = pr.Read();
            }
            yield return RegistryRowMapper.ReadHousehold(householdRow, members);
        }
    }

    private static string Prefixed(string prefix, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => c == "NULL" ? c : prefix + c));
}
