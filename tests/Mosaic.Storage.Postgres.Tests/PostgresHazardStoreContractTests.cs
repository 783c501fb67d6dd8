using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The hazard store contract against a real PostgreSQL database.</summary>
public sealed class PostgresHazardStoreContractTests(PostgresServer server) : HazardStoreContractTests(new PostgresTestDatabase(server));
