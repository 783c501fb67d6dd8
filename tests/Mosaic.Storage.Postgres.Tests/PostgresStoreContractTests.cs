using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The store contract against a real PostgreSQL database.</summary>
public sealed class PostgresStoreContractTests(PostgresServer server) : StoreContractTests(new PostgresTestDatabase(server));
