using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The publication-log contract on SQLite (the file's own refusals are in <see cref="SqlitePublicationLogTests"/>).</summary>
public sealed class SqlitePublicationLogContractTests() : PublicationLogContractTests(new SqliteTestDatabase());
