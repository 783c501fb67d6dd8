using Mosaic.Core.Mobility;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// Keeps <c>mobility_total</c> (and its series and location tables) in step with the assessments written in one
/// transaction. Series and locations are looked up in dictionaries loaded once per transaction, not per record.
/// </summary>
internal sealed class MobilityTotalsWriter : IDisposable
{
    private readonly Dictionary<(string Dataset, string? Operation, int Level, string Assessment), long> _series = [];
    private readonly Dictionary<(int Level, string? Code, string? Name, string? Area, string? Adm0, string? Adm1, string? Adm2, string? Adm0Name, string? Adm1Name, string? Adm2Name), long> _locations = [];
    private readonly PreparedCommand _insertSeries;
    private readonly PreparedCommand _insertLocation;
    private readonly PreparedCommand _insertTotal;
    private readonly PreparedCommand _delete;

    public MobilityTotalsWriter(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        using (var cmd = connection.Command("SELECT id, dataset, operation, admin_level, assessment_type FROM mobility_series", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                _series[(r.GetString(1), r.GetNullableString(2), r.GetInt32(3), r.GetString(4))] = r.GetInt64(0);
        }
        using (var cmd = connection.Command(
            "SELECT id, admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name FROM mobility_location", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                _locations[(r.GetInt32(1), r.GetNullableString(2), r.GetNullableString(3), r.GetNullableString(4),
                    r.GetNullableString(5), r.GetNullableString(6), r.GetNullableString(7),
                    r.GetNullableString(8), r.GetNullableString(9), r.GetNullableString(10))] = r.GetInt64(0);
            }
        }
        _insertSeries = new PreparedCommand(connection, tx,
            "INSERT INTO mobility_series (dataset, operation, admin_level, assessment_type) VALUES ($1, $2, $3, $4) RETURNING id",
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Text);
        _insertLocation = new PreparedCommand(connection, tx,
            "INSERT INTO mobility_location (admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text);
        _insertTotal = new PreparedCommand(connection, tx,
            "INSERT INTO mobility_total (round, assessment_id, pop_type, series_id, location_id, day, individuals, households) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint);
        _delete = new PreparedCommand(connection, tx, "DELETE FROM mobility_total WHERE round = $1 AND assessment_id = $2", NpgsqlDbType.Integer, NpgsqlDbType.Bigint);
    }

    /// <summary>Removes the totals of an assessment about to be rewritten (stored under its old round).</summary>
    public void Delete(int round, long assessmentId) => _delete.Set(0, round).Set(1, assessmentId).Execute();

    /// <summary>Writes one total row per population type of a stored assessment.</summary>
    public void Insert(long assessmentId, LocationAssessment a)
    {
        _insertTotal.Set(0, a.Round).Set(1, assessmentId).Set(3, SeriesId(a)).Set(4, LocationId(a)).Set(5, a.ReportingDate.DayNumber);
        foreach (var c in a.Counts)
            _insertTotal.Set(2, MobilityCodes.PopulationType[c.Type]).Set(6, c.Individuals).Set(7, c.Households).Execute();
    }

    private long SeriesId(LocationAssessment a)
    {
        var key = (a.Dataset, a.Operation, a.Location.AdminLevel, MobilityCodes.AssessmentType[a.Type]);
        if (!_series.TryGetValue(key, out var id))
            _series[key] = id = (long)_insertSeries.SetAll([a.Dataset, a.Operation, a.Location.AdminLevel, key.Item4]).Scalar()!;
        return id;
    }

    private long LocationId(LocationAssessment a)
    {
        var l = a.Location;
        var key = (l.AdminLevel, l.Pcode, l.Name, a.AreaPcode, l.Admin0Pcode, l.Admin1Pcode, l.Admin2Pcode, l.Admin0Name, l.Admin1Name, l.Admin2Name);
        if (!_locations.TryGetValue(key, out var id))
        {
            _locations[key] = id = (long)_insertLocation.SetAll([key.AdminLevel, key.Pcode, key.Name, key.AreaPcode, key.Admin0Pcode, key.Admin1Pcode,
                key.Admin2Pcode, key.Admin0Name, key.Admin1Name, key.Admin2Name]).Scalar()!;
        }
        return id;
    }

    public void Dispose()
    {
        _insertSeries.Dispose();
        _insertLocation.Dispose();
        _insertTotal.Dispose();
        _delete.Dispose();
    }
}
