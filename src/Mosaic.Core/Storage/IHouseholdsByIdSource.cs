using Mosaic.Core.Registry;

namespace Mosaic.Core.Storage;

/// <summary>
/// A registry that reads chosen households by id (their listed fields only: no members, answers or personal data), so
/// a use case that works from columns fetches only what it outputs of the households it outputs. Optional.
/// </summary>
public interface IHouseholdsByIdSource
{
    /// <summary>The households with these ids (unknown ids are left out), in ascending id, read in one call.</summary>
    /// <param name="householdIds">Store ids of the households.</param>
    /// <param name="cancellationToken">Stops the read (<see cref="OperationCanceledException"/>; the unit of work stays usable).</param>
    Task<IReadOnlyList<ListedHousehold>> ReadListedHouseholdsAsync(IReadOnlyList<long> householdIds, CancellationToken cancellationToken = default);
}
