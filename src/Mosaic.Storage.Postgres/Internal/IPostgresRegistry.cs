using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>The registry with its columnar read path and its pushdown, as one interface so the boundary proxy keeps all three.</summary>
internal interface IPostgresRegistry : IRegistryStore, IRegistrySnapshotSource, ITabulationPushdown
{
    /// <summary>The plan of the pushdown query (EXPLAIN VERBOSE): where each part of the count runs.</summary>
    string ExplainCount(PushdownQuery query);
}
