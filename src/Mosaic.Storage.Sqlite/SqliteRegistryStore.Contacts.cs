using Mosaic.Core.Access;
using Mosaic.Core.Audit;
using Mosaic.Core.Privacy;
using Mosaic.Core.Registry;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

// The one door for contacts (DESIGN §7): read and audit entry in one write transaction.
internal sealed partial class SqliteRegistryStore
{
    public Task<ContactRead> ReadContactsAsync(ContactRequest request, CancellationToken cancellationToken = default)
    {
        AccessDeniedException.ThrowUnlessAllowed(request);
        cancellationToken.ThrowIfCancellationRequested();
        var scope = request.Actor.AreaScope;
        // A write transaction from the start: the entry chains to the newest one, and no other writer gets between.
        using var tx = connection.BeginTransaction();
        var members = new Dictionary<long, List<ContactMember>>();
        using (var cmd = connection.CreateCommand(
            "SELECT p.household_id, p.line, p.relation, p.name, p.phone FROM person p JOIN household h ON h.id = p.household_id " +
            "WHERE p.household_id IN (SELECT value FROM json_each($ids))" +
            (scope is null ? "" : $" AND h.area_pcode IN ({RegistryColumns.SubtreePcodes})") +
            " ORDER BY p.household_id, p.line", tx,
            ("$ids", "[" + string.Join(',', request.HouseholdIds) + "]"), ("$area", scope)))
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
        var entryId = SqliteAuditLog.Append(connection, tx, new AuditEntry(
            DateTimeOffset.UtcNow, request.Actor.User, request.Purpose, request.Subject, scope, households, persons, request.CommandLine)
        {
            Role = Roles.Code(request.Actor.Role),
        });
        // Cancelled before this point, the transaction rolls back: no entry, and no contact leaves.
        cancellationToken.ThrowIfCancellationRequested();
        tx.Commit();
        return Task.FromResult(new ContactRead(entryId, contacts, households, persons));
    }
}
