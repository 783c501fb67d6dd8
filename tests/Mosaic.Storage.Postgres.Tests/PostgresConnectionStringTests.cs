namespace Mosaic.Storage.Postgres.Tests;

/// <summary>
/// Statement time limits of a <c>--db</c> value: none unless the user sets one, because Npgsql's default (30 s) cut
/// off the merge of a 10-million-person import and tabulations at that size ("the server cannot be reached").
/// </summary>
public sealed class PostgresConnectionStringTests
{
    [Theory]
    [InlineData("postgres://mosaic@db.example.org/registry", 0)]
    [InlineData("Host=db.example.org;Database=registry;Username=mosaic", 0)]
    [InlineData("postgres://mosaic@db.example.org/registry?command_timeout=45", 45)]
    [InlineData("postgresql://mosaic@db.example.org:5433/registry?sslmode=disable&Command%20Timeout=7", 7)]
    [InlineData("Host=db.example.org;Database=registry;Command Timeout=12", 12)]
    [InlineData("Host=db.example.org;Database=registry;CommandTimeout=9", 9)]
    public void CommandTimeout_IsUnlimited_UnlessTheValueSetsOne(string db, int seconds)
    {
        Assert.Equal(seconds, PostgresConnectionString.Parse(db).CommandTimeout);
    }
}
