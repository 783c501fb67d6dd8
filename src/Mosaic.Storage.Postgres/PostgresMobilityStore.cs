using System.Globalization;
using Mosaic.Core.Mobility;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres;

/// <summary>Mobility tables of a PostgreSQL store: assessment writes here, reads, flows and movers in the other parts.</summary>
internal sealed partial class PostgresMobilityStore(NpgsqlDataSource dataSource) : IMobilityStore
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    private static string Positional(int first, int count) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => "$" + i.ToString(s_inv)));

    public async Task<UpsertCounts> UpsertAssessmentsAsync(IReadOnlyCollection<LocationAssessment> assessments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        int inserted = 0, updated = 0, unchanged = 0;
        var names = MobilityColumns.Assessment.Split(", ");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var find = await PreparedCommand.PrepareAsync(connection, tx, "SELECT id, fingerprint, round FROM mobility_assessment WHERE record_id = $1",
            cancellationToken, NpgsqlDbType.Text).ConfigureAwait(false);
        await using var insert = await PreparedCommand.PrepareAsync(connection, tx,
            $"INSERT INTO mobility_assessment ({MobilityColumns.Assessment}) VALUES ({Positional(1, names.Length)}) RETURNING id", cancellationToken,
            MobilityColumns.AssessmentTypes).ConfigureAwait(false);
        await using var update = await PreparedCommand.PrepareAsync(connection, tx,
            $"UPDATE mobility_assessment SET {string.Join(", ", names.Select((n, i) => $"{n} = ${(i + 1).ToString(s_inv)}"))} " +
            $"WHERE id = ${(names.Length + 1).ToString(s_inv)}", cancellationToken, [.. MobilityColumns.AssessmentTypes, NpgsqlDbType.Bigint]).ConfigureAwait(false);
        await using var deleteCounts = await PreparedCommand.PrepareAsync(connection, tx, "DELETE FROM mobility_count WHERE assessment_id = $1", cancellationToken,
            NpgsqlDbType.Bigint).ConfigureAwait(false);
        await using var insertCount = await PreparedCommand.PrepareAsync(connection, tx,
            "INSERT INTO mobility_count (assessment_id, pop_type, sex, age_group, individuals, households) VALUES ($1, $2, $3, $4, $5, $6)", cancellationToken,
            NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint).ConfigureAwait(false);
        await using var totals = await MobilityTotalsWriter.OpenAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var values = new object?[names.Length + 1];
        foreach (var a in assessments)
        {
            // Npgsql answers a statement without looking at the token when nothing is to be waited for: check it per record.
            cancellationToken.ThrowIfCancellationRequested();
            var fingerprint = AssessmentFingerprint.Of(a);
            long id = 0;
            var oldRound = 0;
            await using (var r = await find.Set(0, a.RecordId).ReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    id = r.GetInt64(0);
                    oldRound = r.GetInt32(2);
                    if (r.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(fingerprint))
                    {
                        unchanged++;
                        continue;
                    }
                }
            }
            Fill(values, a, fingerprint, now);
            if (id == 0)
            {
                id = (long)(await insert.SetAll(values.AsSpan(0, names.Length)).ScalarAsync(cancellationToken).ConfigureAwait(false))!;
                inserted++;
            }
            else
            {
                values[names.Length] = id;
                await update.SetAll(values).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                await deleteCounts.Set(0, id).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                await totals.DeleteAsync(oldRound, id, cancellationToken).ConfigureAwait(false);
                updated++;
            }
            insertCount.Set(0, id);
            foreach (var c in a.Counts)
            {
                var type = MobilityCodes.PopulationType[c.Type];
                await InsertCountAsync(insertCount, type, "", "", c.Individuals, c.Households, cancellationToken).ConfigureAwait(false);
                if (c.Males is not null)
                    await InsertCountAsync(insertCount, type, "male", "", c.Males, null, cancellationToken).ConfigureAwait(false);
                if (c.Females is not null)
                    await InsertCountAsync(insertCount, type, "female", "", c.Females, null, cancellationToken).ConfigureAwait(false);
                foreach (var s in c.BySexAndAge)
                    await InsertCountAsync(insertCount, type, Codes.Sex[s.Sex], s.AgeGroup, s.Individuals, null, cancellationToken).ConfigureAwait(false);
            }
            await totals.InsertAsync(id, a, cancellationToken).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new UpsertCounts(inserted, updated, unchanged);
    }

    private static Task<int> InsertCountAsync(PreparedCommand cmd, string type, string sex, string age, long? individuals, long? households,
        CancellationToken cancellationToken) =>
        cmd.Set(1, type).Set(2, sex).Set(3, age).Set(4, individuals).Set(5, households).ExecuteAsync(cancellationToken);

    /// <summary>An assessment's columns in <see cref="MobilityColumns.Assessment"/> order.</summary>
    private static void Fill(object?[] v, LocationAssessment a, byte[] fingerprint, DateTimeOffset now)
    {
        var l = a.Location;
        var p = a.Provenance;
        v[0] = a.RecordId;
        v[1] = fingerprint;
        v[2] = a.SourceId;
        v[3] = a.Dataset;
        v[4] = a.Operation;
        v[5] = a.OperationStatus;
        v[6] = MobilityCodes.AssessmentType[a.Type];
        v[7] = a.Round;
        v[8] = a.ReportingDate;
        v[9] = l.AdminLevel;
        v[10] = l.Admin0Pcode;
        v[11] = l.Admin0Name;
        v[12] = l.Admin1Pcode;
        v[13] = l.Admin1Name;
        v[14] = l.Admin2Pcode;
        v[15] = l.Admin2Name;
        v[16] = l.LocalPcode;
        v[17] = l.LocalName;
        v[18] = a.AreaPcode;
        v[19] = MobilityCodes.AreaMatch[a.Match];
        v[20] = a.OriginPcode;
        v[21] = a.OriginName;
        v[22] = a.DisplacementReason;
        v[23] = a.ArrivalPeriod;
        v[24] = a.Shelter;
        v[25] = a.Needs.Count == 0 ? null : string.Join(MobilityColumns.NeedsSeparator, a.Needs);
        v[26] = a.KeyInformants;
        v[27] = p?.SourceFile;
        v[28] = p?.SourceRow;
        v[29] = (p?.ImportedAt ?? now).ToUniversalTime();
    }

    public async Task<IReadOnlyList<AssessmentKey>> ReadAssessmentKeysAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<AssessmentKey>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            $"SELECT record_id, dataset, operation, assessment_type, admin_level, {MobilityColumns.LocationCode}, {MobilityColumns.LocationName}, " +
            "round, reporting_date FROM mobility_assessment", null);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = $"{r.GetInt32(4).ToString(s_inv)}:{r.GetNullableString(5) ?? "name:" + r.GetNullableString(6)}";
            result.Add(new AssessmentKey(r.GetString(0), r.GetString(1), r.GetNullableString(2),
                MobilityCodes.AssessmentType.Parse(r.GetString(3)), key, r.GetInt32(7), r.GetFieldValue<DateOnly>(8), r.GetInt32(4)));
        }
        return result;
    }

    public Task<long> CountAssessmentsAsync(CancellationToken cancellationToken = default) =>
        CountAsync("SELECT count(*) FROM mobility_assessment", cancellationToken);

    public Task<long> CountFlowObservationsAsync(CancellationToken cancellationToken = default) =>
        CountAsync("SELECT count(*) FROM flow_observation", cancellationToken);

    private async Task<long> CountAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await connection.ScalarAsync(sql, null, cancellationToken).ConfigureAwait(false), s_inv);
    }
}
