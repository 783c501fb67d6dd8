using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The user store contract against a real PostgreSQL database.</summary>
public sealed class PostgresUserStoreContractTests(PostgresServer server) : UserStoreContractTests(new PostgresTestDatabase(server));
