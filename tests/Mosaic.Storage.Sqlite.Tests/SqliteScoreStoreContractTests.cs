using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The score store contract against a real SQLite file.</summary>
public sealed class SqliteScoreStoreContractTests() : ScoreStoreContractTests(new SqliteTestDatabase());
