using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The cancellation contract against a real SQLite file.</summary>
public sealed class SqliteCancellationContractTests() : CancellationContractTests(new SqliteTestDatabase());
