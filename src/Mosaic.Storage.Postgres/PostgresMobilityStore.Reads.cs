using System.Runtime.CompilerServices;
using Mosaic.Core.Mobility;
using Mosaic.Core.Registry;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

internal sealed partial class PostgresMobilityStore
{
    public async Task<LocationAssessment?> GetAssessmentAsync(string recordId, CancellationToken cancellationToken = default)
    {
        await foreach (var a in ReadAssessmentsAsync(" WHERE a.record_id = @p", recordId, cancellationToken).ConfigureAwait(false))
            return a;
        return null;
    }

    public IAsyncEnumerable<LocationAssessment> ReadAssessmentsAsync(string? dataset = null, CancellationToken cancellationToken = default) =>
        ReadAssessmentsAsync(dataset is null ? "" : " WHERE a.dataset = @p", dataset, cancellationToken);

    private async IAsyncEnumerable<LocationAssessment> ReadAssessmentsAsync(string where, string? parameter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Two streams ordered by id on two pooled connections, merged: memory stays flat, and the unit of work holds
        // no connection of its own that a second reader could collide with.
        await using var rc = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cc = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var rows = rc.Command($"SELECT a.id, {MobilityColumns.Assessment} FROM mobility_assessment a{where} ORDER BY a.id", null, ("p", parameter));
        await using var counts = cc.Command(
            "SELECT c.assessment_id, c.pop_type, c.sex, c.age_group, c.individuals, c.households FROM mobility_count c " +
            $"JOIN mobility_assessment a ON a.id = c.assessment_id{where} ORDER BY c.assessment_id, c.pop_type, c.sex, c.age_group", null, ("p", parameter));
        await using var r = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cr = await counts.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hasCount = await cr.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Npgsql answers buffered rows without looking at the token: a cancellation stops the stream at the next record.
            cancellationToken.ThrowIfCancellationRequested();
            var id = r.GetInt64(0);
            var byType = new SortedDictionary<PopulationType, PopulationCount>();
            while (hasCount && cr.GetInt64(0) < id)
                hasCount = await cr.ReadAsync(cancellationToken).ConfigureAwait(false);
            while (hasCount && cr.GetInt64(0) == id)
            {
                var type = MobilityCodes.PopulationType.Parse(cr.GetString(1));
                var c = byType.GetValueOrDefault(type) ?? new PopulationCount(type, null);
                var sex = cr.GetString(2);
                var age = cr.GetString(3);
                var individuals = cr.GetNullableLong(4);
                if (sex.Length == 0)
                    c = c with { Individuals = individuals, Households = cr.GetNullableLong(5) };
                else if (age.Length > 0)
                    c = c with { BySexAndAge = [.. c.BySexAndAge, new SexAgeCount(Codes.Sex.Parse(sex), age, individuals ?? 0)] };
                else if (sex == "male")
                    c = c with { Males = individuals };
                else
                    c = c with { Females = individuals };
                byType[type] = c;
                hasCount = await cr.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            yield return ReadAssessment(r, [.. byType.Values.Select(c => c with { BySexAndAge = SortCells(c.BySexAndAge) })]);
        }
    }

    private static List<SexAgeCount> SortCells(IReadOnlyList<SexAgeCount> cells) =>
        [.. cells.OrderBy(c => c.Sex).ThenBy(c => AgeGroupOrder(c.AgeGroup))];

    private static int AgeGroupOrder(string group)
    {
        var i = Array.IndexOf([.. AgeGroups.All], group);
        return i < 0 ? int.MaxValue : i;
    }

    private static LocationAssessment ReadAssessment(NpgsqlDataReader r, IReadOnlyList<PopulationCount> counts)
    {
        // Reader column i + 1 holds MobilityColumns.Assessment[i] (column 0 is the row id).
        string? S(int i) => r.GetNullableString(i + 1);
        var needs = S(25);
        return new LocationAssessment
        {
            RecordId = S(0)!,
            SourceId = r.GetNullableLong(3),
            Dataset = S(3)!,
            Operation = S(4),
            OperationStatus = S(5),
            Type = MobilityCodes.AssessmentType.Parse(S(6)!),
            Round = r.GetInt32(8),
            ReportingDate = r.GetFieldValue<DateOnly>(9),
            Location = new AssessmentLocation(r.GetInt32(10), S(10), S(11), S(12), S(13), S(14), S(15)) { LocalPcode = S(16), LocalName = S(17) },
            AreaPcode = S(18),
            Match = MobilityCodes.AreaMatch.Parse(S(19)!),
            Counts = counts,
            OriginPcode = S(20),
            OriginName = S(21),
            DisplacementReason = S(22),
            ArrivalPeriod = S(23),
            Shelter = S(24),
            Needs = needs is null ? [] : needs.Split(MobilityColumns.NeedsSeparator),
            KeyInformants = r.GetNullableInt(27),
            Provenance = new Provenance(S(27) ?? "", r.GetNullableLong(29) ?? 0, r.GetInstant(30)),
        };
    }

    public async IAsyncEnumerable<RegisteredMover> ReadRegisteredMoversAsync(string? areaPcode = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var statuses = string.Join(", ", new[] { MigratoryStatus.Idp, MigratoryStatus.IdpReturnee, MigratoryStatus.Returnee,
            MigratoryStatus.InternationalMigrant, MigratoryStatus.Refugee }.Select(s => $"'{Codes.MigratoryStatus[s]}'"));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT h.area_pcode, p.move_date, p.mig_status, p.sex, p.age, p.disability, p.prev_country, p.prev_pcode, p.move_reason, p.record_key " +
            $"FROM person p JOIN household h ON h.id = p.household_id WHERE p.move_date IS NOT NULL AND p.mig_status IN ({statuses})" +
            (areaPcode is null ? "" : $" AND h.area_pcode IN ({RegistrySql.SubtreePcodes("@area")})") +
            " ORDER BY h.id, p.line", null, ("area", areaPcode));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = r.GetNullableString(8);
            yield return new RegisteredMover(r.GetString(0), r.GetFieldValue<DateOnly>(1), Codes.MigratoryStatus.Parse(r.GetString(2)),
                Codes.Sex.Parse(r.GetString(3)), r.GetNullableInt(4), r.GetNullableBool(5), r.GetNullableString(6), r.GetNullableString(7),
                reason is null ? null : Codes.MoveReason.Parse(reason), (uint)r.GetInt64(9));
        }
    }
}
