using Mosaic.Core.Access;
using Mosaic.Core.Audit;
using Mosaic.Core.Privacy;
using Mosaic.Core.Registry;
using Mosaic.Storage.Postgres.Internal;

namespace Mosaic.Storage.Postgres;

// The one door for contacts (DESIGN §7): read and audit entry in one transaction.
internal sealed partial class PostgresRegistryStore
{
    public async Task<ContactRead> ReadContactsAsync(ContactRequest request, CancellationToken cancellationToken = default)
    {
        AccessDeniedException.ThrowUnlessAllowed(request);
        var scope = request.Actor.AreaScope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var members = new Dictionary<long, List<ContactMember>>();
        await using (var cmd = connection.Command(
            "SELECT p.household_id, p.line, p.relation, p.name, p.phone FROM person p JOIN household h ON h.id = p.household_id " +
            "WHERE p.household_id = ANY(@ids)" +
            (scope is null ? "" : $" AND h.area_pcode IN ({RegistrySql.SubtreePcodes("@area")})") +
            " ORDER BY p.household_id, p.line", tx,
            ("ids", request.HouseholdIds.ToArray()), ("area", scope)))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
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
        var entryId = await PostgresAuditLog.AppendAsync(connection, tx, new AuditEntry(
            DateTimeOffset.UtcNow, request.Actor.User, request.Purpose, request.Subject, scope, households, persons, request.CommandLine)
        {
            Role = Roles.Code(request.Actor.Role),
        }, cancellationToken).ConfigureAwait(false);
        // Cancelled before this point, the transaction rolls back: no entry, and no contact leaves.
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ContactRead(entryId, contacts, households, persons);
    }
}
