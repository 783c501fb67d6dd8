namespace Mosaic.Benchmarks;

/// <summary>
/// A timed harness for one hot path against its peer. Implementations are discovered by reflection, so
/// adding a benchmark means adding one class: <c>dotnet run -c Release --project bench/Mosaic.Benchmarks -- NAME [args]</c>.
/// </summary>
public interface IBenchmark
{
    /// <summary>Name used on the command line, e.g. <c>import</c>.</summary>
    string Name { get; }

    /// <summary>One line: what is measured against what.</summary>
    string Description { get; }

    int Run(string[] args);
}
