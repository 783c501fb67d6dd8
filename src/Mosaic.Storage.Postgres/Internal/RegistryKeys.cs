namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// Keys and indexes of the registry tables: on the tables themselves on one server, on each partition (a shard's
/// local tables) in a scaled-out registry, where a partitioned parent cannot hold a unique key on submission id.
/// </summary>
internal static class RegistryKeys
{
    public static string Sql(string household, string person, string movement) => $"""
        ALTER TABLE {household} ADD PRIMARY KEY (id);
        CREATE UNIQUE INDEX {household}_submission ON {household} (submission_id);
        CREATE INDEX {household}_area ON {household} (area_pcode);
        ALTER TABLE {person} ADD PRIMARY KEY (household_id, line);
        ALTER TABLE {movement} ADD PRIMARY KEY (household_id, line, seq);
        """;
}
