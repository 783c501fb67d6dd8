using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The stream contract against a real SQLite file.</summary>
public sealed class SqliteStreamContractTests() : StreamContractTests(new SqliteTestDatabase());
