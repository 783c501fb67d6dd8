using Mosaic.Core.Registry;

namespace Mosaic.Core.Privacy;

/// <summary>
/// The contact fields a store returns for one household: the head's name and a phone (the head's, else the first
/// member's that has one). Stores build it with <see cref="Of"/> so every provider returns, and counts, the same.
/// </summary>
/// <param name="HouseholdId">Store id of the household.</param>
/// <param name="Name">The head's name.</param>
/// <param name="Phone">The phone number.</param>
/// <param name="Persons">Distinct persons whose personal data these fields reveal (0, 1 or 2).</param>
public sealed record HouseholdContact(long HouseholdId, string? Name, string? Phone, int Persons)
{
    /// <summary>The contact of a household from its members' contact fields, in roster order.</summary>
    public static HouseholdContact Of(long householdId, IReadOnlyList<ContactMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        ContactMember? head = null;
        var heads = 0;
        foreach (var m in members)
        {
            if (m.Relation == Relation.Head)
            {
                heads++;
                head = m;
            }
        }
        if (heads != 1)
            head = null;
        var phoneOwner = head?.Phone is not null ? head : members.FirstOrDefault(m => !string.IsNullOrEmpty(m.Phone));
        var named = string.IsNullOrEmpty(head?.Name) ? null : head;
        var phoned = string.IsNullOrEmpty(phoneOwner?.Phone) ? null : phoneOwner;
        var persons = (named is null ? 0 : 1) + (phoned is null || ReferenceEquals(phoned, named) ? 0 : 1);
        return new HouseholdContact(householdId, head?.Name, phoneOwner?.Phone, persons);
    }
}

/// <summary>A roster member's contact fields, as a store reads them for <see cref="HouseholdContact.Of"/>.</summary>
/// <param name="Line">Roster line.</param>
/// <param name="Relation">Relation to the head.</param>
/// <param name="Name">Name.</param>
/// <param name="Phone">Phone.</param>
public sealed record ContactMember(int Line, Relation Relation, string? Name, string? Phone);
