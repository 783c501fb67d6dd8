using Mosaic.Core.Mobility;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// Keeps <c>mobility_total</c> (and its series and location tables) in step with the assessments written in one
/// transaction. Series and locations are looked up in dictionaries loaded once per transaction, not per record.
/// </summary>
internal sealed class MobilityTotalsWriter : IAsyncDisposable
{
    private readonly Dictionary<(string Dataset, string? Operation, int Level, string Assessment), long> _series = [];
    private readonly Dictionary<(int Level, string? Code, string? Name, string? Area, string? Adm0, string? Adm1, string? Adm2, string? Adm0Name, string? Adm1Name, string? Adm2Name), long> _locations = [];
    private PreparedCommand? _insertSeries;
    private PreparedCommand? _insertLocation;
    private PreparedCommand? _insertTotal;
    private PreparedCommand? _delete;

    private MobilityTotalsWriter()
    {
    }

    /// <summary>Loads the stored series and locations and prepares the writer's statements, in the transaction <paramref name="tx"/>.</summary>
    public static async Task<MobilityTotalsWriter> OpenAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        var writer = new MobilityTotalsWriter();
        try
        {
            await writer.LoadAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return writer;
    }

    private async Task LoadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using (var cmd = connection.Command("SELECT id, dataset, operation, admin_level, assessment_type FROM mobility_series", tx))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                _series[(r.GetString(1), r.GetNullableString(2), r.GetInt32(3), r.GetString(4))] = r.GetInt64(0);
        }
        await using (var cmd = connection.Command(
            "SELECT id, admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name FROM mobility_location", tx))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _locations[(r.GetInt32(1), r.GetNullableString(2), r.GetNullableString(3), r.GetNullableString(4),
                    r.GetNullableString(5), r.GetNullableString(6), r.GetNullableString(7),
                    r.GetNullableString(8), r.GetNullableString(9), r.GetNullableString(10))] = r.GetInt64(0);
            }
        }
        _insertSeries = await PreparedCommand.PrepareAsync(connection, tx,
            "INSERT INTO mobility_series (dataset, operation, admin_level, assessment_type) VALUES ($1, $2, $3, $4) RETURNING id", cancellationToken,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Text).ConfigureAwait(false);
        _insertLocation = await PreparedCommand.PrepareAsync(connection, tx,
            "INSERT INTO mobility_location (admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id", cancellationToken,
            NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text).ConfigureAwait(false);
        _insertTotal = await PreparedCommand.PrepareAsync(connection, tx,
            "INSERT INTO mobility_total (round, assessment_id, pop_type, series_id, location_id, day, individuals, households) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            cancellationToken,
            NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint)
            .ConfigureAwait(false);
        _delete = await PreparedCommand.PrepareAsync(connection, tx, "DELETE FROM mobility_total WHERE round = $1 AND assessment_id = $2", cancellationToken,
            NpgsqlDbType.Integer, NpgsqlDbType.Bigint).ConfigureAwait(false);
    }

    /// <summary>Removes the totals of an assessment about to be rewritten (stored under its old round).</summary>
    public Task DeleteAsync(int round, long assessmentId, CancellationToken cancellationToken) =>
        _delete!.Set(0, round).Set(1, assessmentId).ExecuteAsync(cancellationToken);

    /// <summary>Writes one total row per population type of a stored assessment.</summary>
    public async Task InsertAsync(long assessmentId, LocationAssessment a, CancellationToken cancellationToken)
    {
        var series = await SeriesIdAsync(a, cancellationToken).ConfigureAwait(false);
        var location = await LocationIdAsync(a, cancellationToken).ConfigureAwait(false);
        var insert = _insertTotal!.Set(0, a.Round).Set(1, assessmentId).Set(3, series).Set(4, location).Set(5, a.ReportingDate.DayNumber);
        foreach (var c in a.Counts)
            await insert.Set(2, MobilityCodes.PopulationType[c.Type]).Set(6, c.Individuals).Set(7, c.Households).ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> SeriesIdAsync(LocationAssessment a, CancellationToken cancellationToken)
    {
        var key = (a.Dataset, a.Operation, a.Location.AdminLevel, MobilityCodes.AssessmentType[a.Type]);
        if (!_series.TryGetValue(key, out var id))
        {
            _series[key] = id = (long)(await _insertSeries!.SetAll([a.Dataset, a.Operation, a.Location.AdminLevel, key.Item4])
                .ScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        return id;
    }

    private async Task<long> LocationIdAsync(LocationAssessment a, CancellationToken cancellationToken)
    {
        var l = a.Location;
        var key = (l.AdminLevel, l.Pcode, l.Name, a.AreaPcode, l.Admin0Pcode, l.Admin1Pcode, l.Admin2Pcode, l.Admin0Name, l.Admin1Name, l.Admin2Name);
        if (!_locations.TryGetValue(key, out var id))
        {
            _locations[key] = id = (long)(await _insertLocation!.SetAll([key.AdminLevel, key.Pcode, key.Name, key.AreaPcode, key.Admin0Pcode, key.Admin1Pcode,
                key.Admin2Pcode, key.Admin0Name, key.Admin1Name, key.Admin2Name]).ScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in new[] { _insertSeries, _insertLocation, _insertTotal, _delete })
        {
            if (cmd is not null)
                await cmd.DisposeAsync().ConfigureAwait(false);
        }
    }
}
