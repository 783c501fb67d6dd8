using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The mobility store contract against a real PostgreSQL database.</summary>
public sealed class PostgresMobilityStoreContractTests(PostgresServer server) : MobilityStoreContractTests(new PostgresTestDatabase(server));
