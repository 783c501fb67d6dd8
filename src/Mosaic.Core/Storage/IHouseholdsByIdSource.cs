using Mosaic.Core.Registry;

namespace Mosaic.Core.Storage;

/// <summary>
/// A registry that reads chosen households by id (with members, without names, phones or GPS point), so a use case
/// that works from columns fetches only the households it outputs. Optional.
/// </summary>
public interface IHouseholdsByIdSource
{
    /// <summary>The households with these ids (unknown ids are left out), in ascending id.</summary>
    IReadOnlyList<Household> ReadHouseholdsById(IReadOnlyList<long> householdIds);
}
