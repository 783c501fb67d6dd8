using Microsoft.Data.Sqlite;
using Mosaic.Core.Mobility;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// Keeps <c>mobility_total</c> (and its series and location tables) in step with the assessments written in one
/// transaction. Series and locations are looked up in dictionaries loaded once per transaction, not per record.
/// </summary>
internal sealed class TotalsWriter : IDisposable
{
    private readonly Dictionary<(string Dataset, string? Operation, int Level, string Assessment), long> _series = [];
    private readonly Dictionary<LocationRow, long> _locations = [];
    private readonly SqliteCommand _insertSeries;
    private readonly SqliteCommand _insertLocation;
    private readonly RawStatement _insertTotal;
    private readonly RawStatement _delete;

    public TotalsWriter(SqliteConnection connection, SqliteTransaction tx)
    {
        using (var cmd = connection.CreateCommand("SELECT id, dataset, operation, admin_level, assessment_type FROM mobility_series", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                _series[(r.GetString(1), r.GetNullableString(2), r.GetInt32(3), r.GetString(4))] = r.GetInt64(0);
        }
        using (var cmd = connection.CreateCommand(
            "SELECT id, admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name FROM mobility_location", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                _locations[new LocationRow(r.GetInt32(1), r.GetNullableString(2), r.GetNullableString(3), r.GetNullableString(4),
                    r.GetNullableString(5), r.GetNullableString(6), r.GetNullableString(7),
                    r.GetNullableString(8), r.GetNullableString(9), r.GetNullableString(10))] = r.GetInt64(0);
            }
        }
        _insertSeries = connection.CreateCommand(
            "INSERT INTO mobility_series (dataset, operation, admin_level, assessment_type) VALUES ($d, $o, $l, $t) RETURNING id", tx,
            ("$d", ""), ("$o", null), ("$l", 0), ("$t", ""));
        _insertLocation = connection.CreateCommand(
            "INSERT INTO mobility_location (admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name) " +
            "VALUES ($l, $c, $n, $a, $0, $1, $2, $n0, $n1, $n2) RETURNING id", tx, ("$l", 0), ("$c", null), ("$n", null), ("$a", null),
            ("$0", null), ("$1", null), ("$2", null), ("$n0", null), ("$n1", null), ("$n2", null));
        _insertTotal = new RawStatement(connection,
            "INSERT INTO mobility_total (round, assessment_id, pop_type, series_id, location_id, day, individuals, households) " +
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        _delete = new RawStatement(connection, "DELETE FROM mobility_total WHERE round = ?1 AND assessment_id = ?2");
    }

    /// <summary>Removes the totals of an assessment about to be rewritten (stored under its old round).</summary>
    public void Delete(int round, long assessmentId)
    {
        _delete.Long(1, round);
        _delete.Long(2, assessmentId);
        _delete.Execute();
    }

    /// <summary>Writes one total row per population type of a stored assessment.</summary>
    public void Insert(long assessmentId, LocationAssessment a)
    {
        var series = SeriesId(a);
        var location = LocationId(a);
        _insertTotal.Long(1, a.Round);
        _insertTotal.Long(2, assessmentId);
        _insertTotal.Long(4, series);
        _insertTotal.Long(5, location);
        _insertTotal.Long(6, a.ReportingDate.DayNumber);
        foreach (var c in a.Counts)
        {
            _insertTotal.Code(3, MobilityCodes.PopulationType[c.Type]);
            _insertTotal.Long(7, c.Individuals);
            _insertTotal.Long(8, c.Households);
            _insertTotal.Execute();
        }
    }

    private long SeriesId(LocationAssessment a)
    {
        var key = (a.Dataset, a.Operation, a.Location.AdminLevel, MobilityCodes.AssessmentType[a.Type]);
        if (_series.TryGetValue(key, out var id))
            return id;
        _insertSeries.Parameters[0].Value = a.Dataset;
        _insertSeries.Parameters[1].Value = a.Operation.Db();
        _insertSeries.Parameters[2].Value = a.Location.AdminLevel;
        _insertSeries.Parameters[3].Value = key.Item4;
        id = (long)_insertSeries.ExecuteScalar()!;
        _series[key] = id;
        return id;
    }

    private long LocationId(LocationAssessment a)
    {
        var l = a.Location;
        var key = new LocationRow(l.AdminLevel, l.Pcode, l.Name, a.AreaPcode, l.Admin0Pcode, l.Admin1Pcode, l.Admin2Pcode,
            l.Admin0Name, l.Admin1Name, l.Admin2Name);
        if (_locations.TryGetValue(key, out var id))
            return id;
        object?[] values = [key.Level, key.Code, key.Name, key.Area, key.Adm0, key.Adm1, key.Adm2, key.Adm0Name, key.Adm1Name, key.Adm2Name];
        for (var i = 0; i < values.Length; i++)
            _insertLocation.Parameters[i].Value = values[i] ?? DBNull.Value;
        id = (long)_insertLocation.ExecuteScalar()!;
        _locations[key] = id;
        return id;
    }

    public void Dispose()
    {
        _insertSeries.Dispose();
        _insertLocation.Dispose();
        _insertTotal.Dispose();
        _delete.Dispose();
    }

    /// <summary>A row of <c>mobility_location</c>: everything about a location the summary reads.</summary>
    internal readonly record struct LocationRow(
        int Level, string? Code, string? Name, string? Area, string? Adm0, string? Adm1, string? Adm2, string? Adm0Name, string? Adm1Name, string? Adm2Name);
}
