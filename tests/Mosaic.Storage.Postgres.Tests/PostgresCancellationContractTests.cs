using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The cancellation contract against a real PostgreSQL database.</summary>
public sealed class PostgresCancellationContractTests(PostgresServer server) : CancellationContractTests(new PostgresTestDatabase(server));
