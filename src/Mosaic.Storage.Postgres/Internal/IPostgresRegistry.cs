using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>The registry with its columnar read path, its pushdown, its publication log and its settings, as one interface so the boundary proxy keeps them all.</summary>
internal interface IPostgresRegistry : IRegistryStore, IRegistrySnapshotSource, ITabulationPushdown, IPublicationLog, IDatabaseSettings
{
    /// <summary>The plan of the pushdown query (EXPLAIN VERBOSE): where each part of the count runs.</summary>
    /// <param name="query">The count whose plan is shown.</param>
    /// <param name="cancellationToken">Stops the planning.</param>
    Task<string> ExplainCountAsync(PushdownQuery query, CancellationToken cancellationToken = default);
}
