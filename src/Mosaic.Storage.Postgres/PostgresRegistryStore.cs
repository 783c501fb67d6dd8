using System.Globalization;
using System.Runtime.CompilerServices;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

internal sealed partial class PostgresRegistryStore(NpgsqlDataSource dataSource) : IPostgresRegistry
{
    public async Task<IRegistrationBatch> BeginImportAsync(string source, CancellationToken cancellationToken = default) =>
        await PostgresRegistrationBatch.BeginAsync(dataSource, source, cancellationToken).ConfigureAwait(false);

    // Maintained by triggers (migration 1), so every writer's commit is seen here, from any connection.
    public async Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await connection.ScalarAsync("SELECT version FROM registry_version WHERE id = 1", null, cancellationToken).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
    }

    public Task<long> CountHouseholdsAsync(string? areaPcode = null, CancellationToken cancellationToken = default) =>
        CountAsync("SELECT count(*) FROM household h" + RegistrySql.AreaFilter(areaPcode), areaPcode, cancellationToken);

    public Task<long> CountPersonsAsync(string? areaPcode = null, CancellationToken cancellationToken = default) => areaPcode is null
        ? CountAsync("SELECT count(*) FROM person", null, cancellationToken)
        : CountAsync("SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id" + RegistrySql.AreaFilter(areaPcode), areaPcode, cancellationToken);

    public async Task<IReadOnlyDictionary<string, long>> CountHouseholdsBySourceAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT b.source, count(*) FROM household h JOIN import_batch b ON b.id = h.batch_id GROUP BY b.source", null);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            counts[r.GetString(0)] = r.GetInt64(1);
        return counts;
    }

    private async Task<long> CountAsync(string sql, string? areaPcode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await connection.ScalarAsync(sql, null, cancellationToken, ("area", areaPcode)).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyDictionary<MigratoryStatus, long>> CountPersonsByStatusAsync(string? areaPcode = null, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<MigratoryStatus, long>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT p.mig_status, count(*) FROM person p JOIN household h ON h.id = p.household_id" + RegistrySql.AreaFilter(areaPcode) +
            " GROUP BY p.mig_status", null, ("area", areaPcode));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            result[Codes.MigratoryStatus.Parse(r.GetString(0))] = r.GetInt64(1);
        return result;
    }

    public async Task<Household?> GetHouseholdAsync(string submissionId, CancellationToken cancellationToken = default)
    {
        await foreach (var h in ReadAsync(" WHERE h.submission_id = @id", HouseholdFields.Standard, cancellationToken, ("id", submissionId)).ConfigureAwait(false))
            return h;
        return null;
    }

    public IAsyncEnumerable<Household> ReadHouseholdsAsync(string? areaPcode = null, HouseholdFields fields = HouseholdFields.Standard,
        CancellationToken cancellationToken = default) =>
        ReadAsync(RegistrySql.AreaFilter(areaPcode), fields, cancellationToken, ("area", areaPcode));

    /// <summary>
    /// Households with their members, by id, with the driver's asynchronous reads (Npgsql answers buffered rows without
    /// waiting). Two ordered streams on two pooled connections, merged by household id: memory stays flat, and the
    /// unit of work holds no connection of its own that a second reader could collide with.
    /// </summary>
    private async IAsyncEnumerable<Household> ReadAsync(string where, HouseholdFields fields, [EnumeratorCancellation] CancellationToken cancellationToken,
        params (string, object?)[] parameters)
    {
        // Names and phones are not even selected (DESIGN §7); the GPS point only when asked for.
        var householdColumns = fields.HasFlag(HouseholdFields.Location) ? RegistrySql.Household : RegistrySql.HouseholdWithoutLocation;
        await using var hc = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var pc = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var households = hc.Command($"SELECT h.id, {RegistrySql.Prefixed("h.", householdColumns)} FROM household h{where} ORDER BY h.id", null, parameters);
        await using var persons = pc.Command(
            $"SELECT p.household_id, {RegistrySql.Prefixed("p.", RegistrySql.PersonWithoutContacts)} FROM person p JOIN household h ON h.id = p.household_id{where} " +
            "ORDER BY p.household_id, p.line", null, parameters);
        await using var hr = await households.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var pr = await persons.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hasPerson = await pr.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (await hr.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Npgsql answers buffered rows without looking at the token: a cancellation stops the stream at the next household.
            cancellationToken.ThrowIfCancellationRequested();
            var id = hr.GetInt64(0);
            var members = new List<Person>();
            while (hasPerson && pr.GetInt64(0) < id)
                hasPerson = await pr.ReadAsync(cancellationToken).ConfigureAwait(false);
            while (hasPerson && pr.GetInt64(0) == id)
            {
                members.Add(RegistryRows.ReadPerson(pr));
                hasPerson = await pr.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            yield return RegistryRows.ReadHousehold(hr, members);
        }
    }
}
