using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The stream contract against a real PostgreSQL database.</summary>
public sealed class PostgresStreamContractTests(PostgresServer server) : StreamContractTests(new PostgresTestDatabase(server));
