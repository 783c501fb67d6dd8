using Mosaic.Core.Registry;

namespace Mosaic.Core.Targeting;

/// <summary>
/// The personal contact fields a target list carries for one household when contacts are asked for: the
/// head's name and a phone (the head's, else the first member's that has one). Shared by the file writer and
/// the audit record so the logged counts are exactly what was written.
/// </summary>
/// <param name="Name">The head's name.</param>
/// <param name="Phone">The phone number written.</param>
/// <param name="Persons">Distinct persons whose personal data these fields reveal (0, 1 or 2).</param>
public sealed record TargetContact(string? Name, string? Phone, int Persons)
{
    /// <summary>The contact fields of a household.</summary>
    public static TargetContact Of(Household household)
    {
        ArgumentNullException.ThrowIfNull(household);
        var head = household.Head;
        var phoneOwner = head?.Phone is not null ? head : household.Members.FirstOrDefault(m => !string.IsNullOrEmpty(m.Phone));
        var named = string.IsNullOrEmpty(head?.Name) ? null : head;
        var phoned = string.IsNullOrEmpty(phoneOwner?.Phone) ? null : phoneOwner;
        var persons = (named is null ? 0 : 1) + (phoned is null || ReferenceEquals(phoned, named) ? 0 : 1);
        return new TargetContact(head?.Name, phoneOwner?.Phone, persons);
    }

    /// <summary>Households and persons whose personal data a list with contacts reveals.</summary>
    public static (int Households, int Persons) Count(TargetList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        int households = 0, persons = 0;
        foreach (var t in list.Households)
        {
            var n = Of(t.Household).Persons;
            if (n > 0)
                households++;
            persons += n;
        }
        return (households, persons);
    }
}
