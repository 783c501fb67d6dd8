namespace Mosaic.Benchmarks.Commands;

/// <summary>
/// Not a timing: checks that two databases store the same latest scores, every field of every household but the run
/// id, read through this build's store (which reads every stored layout: rows, score columns version 1 and 2).
/// </summary>
internal sealed class SameScoresBenchmark : IBenchmark
{
    public string Name => "same-scores";

    public string Description => "checks two databases store the same latest scores (every field but the run id)";

    public int Run(string[] args)
    {
        if (args.Length < 2)
            throw new ArgumentException("usage: same-scores A.db B.db");
        Console.WriteLine($"stored scores identical: {CommandsBenchmark.SameScores(args[0], args[1]):N0} households, every field but the run id");
        return 0;
    }
}
