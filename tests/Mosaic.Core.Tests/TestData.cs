namespace Mosaic.Core.Tests;

/// <summary>Paths of the project's test data (copied next to the test binaries from <c>tests/data</c>).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string GlobalPcodes => Path("cod", "global-pcodes-adm-1-2.csv");
}
