using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The hazard store contract against a real SQLite file.</summary>
public sealed class SqliteHazardStoreContractTests() : HazardStoreContractTests(new SqliteTestDatabase());
