using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The score store contract against a real PostgreSQL database.</summary>
public sealed class PostgresScoreStoreContractTests(PostgresServer server) : ScoreStoreContractTests(new PostgresTestDatabase(server));
