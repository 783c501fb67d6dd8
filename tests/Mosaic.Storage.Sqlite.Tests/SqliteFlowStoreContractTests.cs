using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The flow store contract against a real SQLite file.</summary>
public sealed class SqliteFlowStoreContractTests() : FlowStoreContractTests(new SqliteTestDatabase());
