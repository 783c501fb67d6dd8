using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The flow store contract against a real PostgreSQL database.</summary>
public sealed class PostgresFlowStoreContractTests(PostgresServer server) : FlowStoreContractTests(new PostgresTestDatabase(server));
