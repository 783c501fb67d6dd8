using Mosaic.Core.Storage;

namespace Mosaic.Core.Tests.Storage;

public sealed class StoreResolverTests
{
    /// <summary>A provider that claims one URL scheme and records what it was asked to open.</summary>
    private sealed class SchemeProvider(string scheme) : IMosaicStoreProvider
    {
        public List<string> Opened { get; } = [];

        public string Name => scheme;

        public bool Claims(string location) => location.StartsWith(scheme + "://", StringComparison.Ordinal);

        public IMosaicDatabase Open(string location)
        {
            Opened.Add(location);
            throw new StoreException(StoreFailure.Unavailable, $"{scheme} is not running");
        }
    }

    [Theory]
    [InlineData("postgres://mosaic@db/mosaic", true)]
    [InlineData("postgresql://db/mosaic", true)]
    [InlineData("Host=db;Database=mosaic;Username=mosaic", true)]
    [InlineData("host=db;database=mosaic", true)]
    [InlineData("chilmari.db", false)]
    [InlineData("/data/postgres/mosaic.db", false)]
    public void IsPostgres_TellsConnectionStringsFromFilePaths(string location, bool expected) =>
        Assert.Equal(expected, StoreResolver.IsPostgres(location));

    [Fact]
    public void Open_AsksProvidersInOrder_SoALaterRegisteredProviderGetsItsLocations()
    {
        var postgres = new SchemeProvider("postgres");
        var fallback = new SchemeProvider("file");
        var resolver = new StoreResolver([postgres, fallback]);
        var ex = Assert.Throws<StoreException>(() => resolver.Open("postgres://mosaic@db/mosaic"));
        Assert.Equal("postgres is not running", ex.Message);
        Assert.Equal(["postgres://mosaic@db/mosaic"], postgres.Opened);
        Assert.Empty(fallback.Opened);
    }

    [Fact]
    public void Open_PostgresLocationWithoutAPostgresProvider_IsUnavailableAndHidesTheConnectionString()
    {
        var resolver = new StoreResolver([new SchemeProvider("file")]);
        var ex = Assert.Throws<StoreException>(() => resolver.Open("Host=db;Password=s3cret"));
        Assert.Equal(StoreFailure.Unavailable, ex.Failure);
        Assert.Contains("PostgreSQL databases are not supported by this build", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_PrefersTheExplicitValueThenTheEnvironmentThenTheDefault()
    {
        var saved = Environment.GetEnvironmentVariable(StoreResolver.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(StoreResolver.EnvironmentVariable, "from-env.db");
            Assert.Equal("given.db", StoreResolver.Locate("given.db"));
            Assert.Equal("from-env.db", StoreResolver.Locate(null));
            Environment.SetEnvironmentVariable(StoreResolver.EnvironmentVariable, null);
            Assert.Equal(StoreResolver.DefaultLocation, StoreResolver.Locate(" "));
        }
        finally
        {
            Environment.SetEnvironmentVariable(StoreResolver.EnvironmentVariable, saved);
        }
    }
}
