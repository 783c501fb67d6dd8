using Mosaic.Core.Access;
using Mosaic.Core.Audit;
using Mosaic.Core.Privacy;
using Mosaic.Core.Registry;
using Mosaic.Storage.Postgres.Internal;

namespace Mosaic.Storage.Postgres;

// The one door for contacts (DESIGN §7): read and audit entry in one transaction.
internal sealed partial class PostgresRegistryStore
{
    public ContactRead ReadContacts(ContactRequest request)
    {
        AccessDeniedException.ThrowUnlessAllowed(request);
        var scope = request.Actor.AreaScope;
        using var connection = dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        var members = new Dictionary<long, List<ContactMember>>();
        using (var cmd = connection.Command(
            "SELECT p.household_id, p.line, p.relation, p.name, p.phone FROM person p JOIN household h ON h.id = p.household_id " +
            "WHERE p.household_id = ANY(@ids)" +
            (scope is null ? "" : $" AND h.area_pcode IN ({RegistrySql.SubtreePcodes("@area")})") +
            " ORDER BY p.household_id, p.line", tx,
            ("ids", request.HouseholdIds.ToArray()), ("area", scope)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var id = r.GetInt64(0);
                if (!members.TryGetValue(id, out var list))
                    members[id] = list = [];
                list.Add(new ContactMember(r.GetInt32(1), Codes.Relation.Parse(r.GetString(2)), r.GetNullableString(3), r.GetNullableString(4)));
            }
        }
        var contacts = new Dictionary<long, HouseholdContact>(members.Count);
        int households = 0, persons = 0;
        foreach (var (id, list) in members)
        {
            var contact = HouseholdContact.Of(id, list);
            contacts[id] = contact;
            if (contact.Persons > 0)
                households++;
            persons += contact.Persons;
        }
        // The entry commits with the read: the contacts are returned only once it is stored.
        var entryId = PostgresAuditLog.Append(connection, tx, new AuditEntry(
            DateTimeOffset.UtcNow, request.Actor.User, request.Purpose, request.Subject, scope, households, persons, request.CommandLine)
        {
            Role = Roles.Code(request.Actor.Role),
        });
        tx.Commit();
        return new ContactRead(entryId, contacts, households, persons);
    }
}
