using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The mobility store contract against a real SQLite file.</summary>
public sealed class SqliteMobilityStoreContractTests() : MobilityStoreContractTests(new SqliteTestDatabase());
