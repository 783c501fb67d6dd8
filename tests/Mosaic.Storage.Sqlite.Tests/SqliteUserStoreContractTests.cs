using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The user store contract against a real SQLite file.</summary>
public sealed class SqliteUserStoreContractTests() : UserStoreContractTests(new SqliteTestDatabase());
