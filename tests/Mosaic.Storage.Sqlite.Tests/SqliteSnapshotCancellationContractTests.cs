using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The snapshot and database cancellation contract against a real SQLite file.</summary>
public sealed class SqliteSnapshotCancellationContractTests() : SnapshotCancellationContractTests(new SqliteTestDatabase());
