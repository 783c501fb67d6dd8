using System.Text;
using Mosaic.Core.Hazards;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// What the score columns writer reads of a run, household by household: either a <see cref="ScoringResult"/>'s
/// columns (no object per household) or a list of <see cref="ScoredHousehold"/> objects.
/// </summary>
internal abstract class ScoreColumnRows
{
    public abstract int Count { get; }

    public abstract int Dimensions { get; }

    public abstract long HouseholdId(int i);

    public abstract double Overall(int i);

    public abstract VulnerabilityClass Class(int i);

    public abstract int Rank(int i);

    public abstract ReadOnlySpan<double> DimensionScores(int i);

    /// <summary>The household's area and its ancestors, root first (the same instance for households of one area helps).</summary>
    public abstract IReadOnlyList<string> AreaChain(int i);

    /// <summary>The household's rank within each area of <see cref="AreaChain"/>.</summary>
    public abstract ReadOnlySpan<int> AreaRanks(int i);

    public abstract ExposureMethod Method(int i);

    public abstract string? ExposureArea(int i);

    public abstract ReadOnlySpan<double> Exposure(int i);

    /// <summary>The household's explanation as UTF-8 (valid until the next call).</summary>
    public abstract ReadOnlySpan<byte> Explanation(int i);

    public static ScoreColumnRows Of(IReadOnlyList<ScoredHousehold> scores) => scores is ScoringResult run ? new Run(run) : new Objects(scores);

    private sealed class Run(ScoringResult run) : ScoreColumnRows
    {
        private readonly Explanation.Cache _explanations = new(run.Indicators);

        public override int Count => run.Count;

        public override int Dimensions => run.Count > 0 ? run.Dimensions(0).Length : 0;

        public override long HouseholdId(int i) => run.HouseholdId(i);

        public override double Overall(int i) => run.Overall(i);

        public override VulnerabilityClass Class(int i) => run.Class(i);

        public override int Rank(int i) => run.Rank(i);

        public override ReadOnlySpan<double> DimensionScores(int i) => run.Dimensions(i);

        public override IReadOnlyList<string> AreaChain(int i) => run.AreaChain(i);

        public override ReadOnlySpan<int> AreaRanks(int i) => run.AreaRanks(i);

        public override ExposureMethod Method(int i) => run.Exposures.Method(i);

        public override string? ExposureArea(int i) => run.Exposures.AreaPcode(i);

        public override ReadOnlySpan<double> Exposure(int i) => run.Exposures.Values(i);

        public override ReadOnlySpan<byte> Explanation(int i) => _explanations.FormatUtf8(_top.AsSpan(0, run.TopContributions(i, _top)));

        private readonly Contribution[] _top = new Contribution[8];
    }

    private sealed class Objects(IReadOnlyList<ScoredHousehold> scores) : ScoreColumnRows
    {
        private readonly Dictionary<ScoredHousehold, (string[] Chain, int[] Ranks)> _areas = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, string[]> _chains = new(StringComparer.Ordinal);

        public override int Count => scores.Count;

        public override int Dimensions => scores.Count > 0 ? scores[0].Score.Dimensions.Length : 0;

        public override long HouseholdId(int i) => scores[i].HouseholdId;

        public override double Overall(int i) => scores[i].Score.Overall;

        public override VulnerabilityClass Class(int i) => scores[i].Score.Class;

        public override int Rank(int i) => scores[i].Rank;

        public override ReadOnlySpan<double> DimensionScores(int i) => scores[i].Score.Dimensions;

        public override IReadOnlyList<string> AreaChain(int i) => Areas(i).Chain;

        public override ReadOnlySpan<int> AreaRanks(int i) => Areas(i).Ranks;

        public override ExposureMethod Method(int i) => scores[i].Exposure.Method;

        public override string? ExposureArea(int i) => scores[i].Exposure.AreaPcode;

        public override ReadOnlySpan<double> Exposure(int i) => scores[i].Exposure.Values;

        public override ReadOnlySpan<byte> Explanation(int i) => Encoding.UTF8.GetBytes(scores[i].Explanation);

        private (string[] Chain, int[] Ranks) Areas(int i)
        {
            var s = scores[i];
            if (_areas.TryGetValue(s, out var known))
                return known;
            var pcodes = s.AreaRanks.Select(a => a.Pcode).ToArray();
            var key = string.Join('\n', pcodes);
            if (!_chains.TryGetValue(key, out var chain))
                _chains[key] = chain = pcodes;
            _areas.Clear(); // one household at a time: the writer asks for both parts of the same household in turn
            return _areas[s] = (chain, [.. s.AreaRanks.Select(a => a.Rank)]);
        }
    }
}
