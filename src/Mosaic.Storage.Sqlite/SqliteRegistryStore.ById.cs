using System.Globalization;
using Mosaic.Core.Registry;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

// Households by id (a target list's): the same rows as ReadHouseholds, read through raw statements. Through the data
// reader each of the ~25 values of a person row costs its checks and boxing (50,000 listed households with their
// 230,000 members took 3 s of CPU at 1 M households); here the row mapping is most of what is left.
internal sealed partial class SqliteRegistryStore
{
    public Task<IReadOnlyList<Household>> ReadHouseholdsByIdAsync(IReadOnlyList<long> householdIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(householdIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (householdIds.Count == 0)
            return Task.FromResult<IReadOnlyList<Household>>([]);
        // One JSON array parameter: any number of ids in one statement, no temporary table. Names, phones and the
        // GPS point are not even selected (DESIGN §7).
        var ids = "[" + string.Join(',', householdIds.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";
        const string Where = " WHERE h.id IN (SELECT value FROM json_each(?1))";
        using var households = new RawStatement(connection,
            $"SELECT h.id, {RegistryColumns.HouseholdWithoutLocation} FROM household h{Where} ORDER BY h.id");
        using var persons = new RawStatement(connection,
            $"SELECT p.household_id, {Prefixed("p.", RegistryColumns.PersonWithoutContacts)} FROM person p JOIN household h ON h.id = p.household_id{Where} " +
            "ORDER BY p.household_id, p.line");
        households.Text(1, ids);
        persons.Text(1, ids);
        // Two ordered streams merged by household id, as ReadHouseholds does.
        var result = new List<Household>(householdIds.Count);
        var (householdRow, personRow) = (new RawRow(households), new RawRow(persons));
        var hasPerson = persons.Next();
        while (households.Next())
        {
            if ((result.Count & 0xfff) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var id = households.GetLong(0);
            var members = new List<Person>();
            while (hasPerson && persons.GetLong(0) < id)
                hasPerson = persons.Next();
            while (hasPerson && persons.GetLong(0) == id)
            {
                members.Add(RegistryRowMapper.ReadPerson(personRow));
                hasPerson = persons.Next();
            }
            result.Add(RegistryRowMapper.ReadHousehold(householdRow, members));
        }
        if (hasPerson)
            persons.Reset();
        return Task.FromResult<IReadOnlyList<Household>>(result);
    }
}
