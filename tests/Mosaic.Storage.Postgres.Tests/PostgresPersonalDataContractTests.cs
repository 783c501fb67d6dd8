using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests;

public sealed class PostgresPersonalDataContractTests(PostgresServer server) : PersonalDataContractTests(new PostgresTestDatabase(server));
