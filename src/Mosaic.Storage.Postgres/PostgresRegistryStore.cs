using System.Globalization;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

internal sealed partial class PostgresRegistryStore(NpgsqlDataSource dataSource) : IPostgresRegistry
{
    public IRegistrationBatch BeginImport(string source) => new PostgresRegistrationBatch(dataSource, source);

    // Maintained by triggers (migration 1), so every writer's commit is seen here, from any connection.
    public long CurrentVersion()
    {
        using var connection = dataSource.OpenConnection();
        return Convert.ToInt64(connection.Scalar("SELECT version FROM registry_version WHERE id = 1"), CultureInfo.InvariantCulture);
    }

    public long CountHouseholds(string? areaPcode = null) =>
        Count("SELECT count(*) FROM household h" + RegistrySql.AreaFilter(areaPcode), areaPcode);

    public long CountPersons(string? areaPcode = null) => areaPcode is null
        ? Count("SELECT count(*) FROM person", null)
        : Count("SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id" + RegistrySql.AreaFilter(areaPcode), areaPcode);

    public IReadOnlyDictionary<string, long> CountHouseholdsBySource()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var connection = dataSource.OpenConnection();
        using var cmd = connection.Command("SELECT b.source, count(*) FROM household h JOIN import_batch b ON b.id = h.batch_id GROUP BY b.source", null);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            counts[r.GetString(0)] = r.GetInt64(1);
        return counts;
    }

    private long Count(string sql, string? areaPcode)
    {
        using var connection = dataSource.OpenConnection();
        return Convert.ToInt64(connection.Scalar(sql, null, ("area", areaPcode)), CultureInfo.InvariantCulture);
    }

    public IReadOnlyDictionary<MigratoryStatus, long> CountPersonsByStatus(string? areaPcode = null)
    {
        var result = new Dictionary<MigratoryStatus, long>();
        using var connection = dataSource.OpenConnection();
        using var cmd = connection.Command(
            "SELECT p.mig_status, count(*) FROM person p JOIN household h ON h.id = p.household_id" + RegistrySql.AreaFilter(areaPcode) +
            " GROUP BY p.mig_status", null, ("area", areaPcode));
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result[Codes.MigratoryStatus.Parse(r.GetString(0))] = r.GetInt64(1);
        return result;
    }

    public Household? GetHousehold(string submissionId) =>
        Read(" WHERE h.submission_id = @id", HouseholdFields.Standard, ("id", submissionId)).FirstOrDefault();

    public IEnumerable<Household> ReadHouseholds(string? areaPcode = null, HouseholdFields fields = HouseholdFields.Standard) =>
        Read(RegistrySql.AreaFilter(areaPcode), fields, ("area", areaPcode));

    private IEnumerable<Household> Read(string where, HouseholdFields fields, params (string, object?)[] parameters)
    {
        // Names and phones are not even selected (DESIGN §7); the GPS point only when asked for.
        var householdColumns = fields.HasFlag(HouseholdFields.Location) ? RegistrySql.Household : RegistrySql.HouseholdWithoutLocation;
        // Two ordered streams on two pooled connections, merged by household id: memory stays flat.
        using var hc = dataSource.OpenConnection();
        using var pc = dataSource.OpenConnection();
        using var households = hc.Command($"SELECT h.id, {RegistrySql.Prefixed("h.", householdColumns)} FROM household h{where} ORDER BY h.id", null, parameters);
        using var persons = pc.Command(
            $"SELECT p.household_id, {RegistrySql.Prefixed("p.", RegistrySql.PersonWithoutContacts)} FROM person p JOIN household h ON h.id = p.household_id{where} " +
            "ORDER BY p.household_id, p.line", null, parameters);
        using var hr = households.ExecuteReader();
        using var pr = persons.ExecuteReader();
        var hasPerson = pr.Read();
        while (hr.Read())
        {
            var id = hr.GetInt64(0);
            var members = new List<Person>();
            while (hasPerson && pr.GetInt64(0) < id)
                hasPerson = pr.Read();
            while (hasPerson && pr.GetInt64(0) == id)
            {
                members.Add(RegistryRows.ReadPerson(pr));
                hasPerson = pr.Read();
            }
            yield return RegistryRows.ReadHousehold(hr, members);
        }
    }
}
