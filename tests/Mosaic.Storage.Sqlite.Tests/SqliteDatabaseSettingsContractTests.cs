using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The settings contract on SQLite.</summary>
public sealed class SqliteDatabaseSettingsContractTests() : DatabaseSettingsContractTests(new SqliteTestDatabase());
