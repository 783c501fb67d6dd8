using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The personal-data contract against a real SQLite file.</summary>
public sealed class SqlitePersonalDataContractTests() : PersonalDataContractTests(new SqliteTestDatabase());
