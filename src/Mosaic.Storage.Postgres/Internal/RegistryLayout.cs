namespace Mosaic.Storage.Postgres.Internal;

/// <summary>How the registry tables (household, person, movement) are laid out in a database.</summary>
internal enum RegistryLayout
{
    /// <summary>Plain tables with their keys and indexes: one server.</summary>
    Single,

    /// <summary>
    /// Tables partitioned by <c>adm1_pcode</c>, whose partitions are created by <c>mosaic cluster init</c> (foreign
    /// tables on shard servers, or local ones); keys and indexes live on the partitions.
    /// </summary>
    Partitioned,
}
