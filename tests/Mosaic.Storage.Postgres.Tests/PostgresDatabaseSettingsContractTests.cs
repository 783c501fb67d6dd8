using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>The settings contract on PostgreSQL.</summary>
public sealed class PostgresDatabaseSettingsContractTests(PostgresServer server) : DatabaseSettingsContractTests(new PostgresTestDatabase(server));
