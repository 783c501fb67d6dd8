using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The snapshot, pushdown and database cancellation contract against a real PostgreSQL database.</summary>
public sealed class PostgresSnapshotCancellationContractTests(PostgresServer server) : SnapshotCancellationContractTests(new PostgresTestDatabase(server));
