using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The mobility cancellation contract against a real SQLite file.</summary>
public sealed class SqliteMobilityCancellationContractTests() : MobilityCancellationContractTests(new SqliteTestDatabase());
