using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The mobility cancellation contract against a real PostgreSQL database.</summary>
public sealed class PostgresMobilityCancellationContractTests(PostgresServer server) : MobilityCancellationContractTests(new PostgresTestDatabase(server));
