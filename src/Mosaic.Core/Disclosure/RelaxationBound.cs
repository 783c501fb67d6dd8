using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// A lower bound for the optimal method from the linear relaxation of its cutting-plane model: every cell a fraction in
/// [0, 1] (the sensitive cells 1), the line constraints, and the attacker cuts (<see cref="ProtectionCuts"/>) of the
/// sensitive cells and of every cell suppressed in part, separated at each fractional solution, round after round (GLOP). Every cut holds for
/// every safe pattern, so the relaxation's value, rounded up, bounds the cells of any safe pattern from below; the cuts
/// found go to the mixed-integer programme too, whose own bound then starts from them.
/// </summary>
internal static class RelaxationBound
{
    /// <summary>Cells suppressed at least this far in a relaxation get their cuts separated.</summary>
    private const double Partly = 0.05;

    /// <summary>What the rounds found.</summary>
    /// <param name="Bound">No safe pattern suppresses fewer cells (the sensitive cells at least).</param>
    /// <param name="Cuts">The cuts, as coefficients per cell (sum of coefficient × s ≥ −<see cref="OptimalSuppression.Slack"/>).</param>
    /// <param name="Rounds">Relaxations solved.</param>
    internal sealed record Result(int Bound, List<double[]> Cuts, int Rounds);

    /// <param name="table">Shape of the table.</param>
    /// <param name="primaries">The sensitive cells.</param>
    /// <param name="layers">The additive quantities and their protection levels.</param>
    /// <param name="attackers">The attacker programmes per layer (created when needed).</param>
    /// <param name="limit">Wall-clock safety cap (checked between rounds: the rounds, not the clock, decide the cuts).</param>
    /// <param name="maximumRounds">Relaxations solved at most.</param>
    public static Result Run(LinkedTable table, IReadOnlyList<int> primaries, IReadOnlyList<ProtectionLayer> layers, ProtectionCuts?[] attackers,
        TimeSpan limit, int maximumRounds = int.MaxValue)
    {
        var clock = Stopwatch.StartNew();
        var sensitive = new bool[table.Size];
        foreach (var p in primaries)
            sensitive[p] = true;
        var cuts = new List<double[]>();
        var bound = primaries.Count;
        var rounds = 0;
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools GLOP is not available");
        var s = new Variable[table.Size];
        for (var c = 0; c < table.Size; c++)
            s[c] = solver.MakeNumVar(0, 1, "s" + c);
        foreach (var p in primaries)
            s[p].SetLb(1);
        OptimalSuppression.AddLineConstraints(solver, table, s);
        var objective = solver.Objective();
        foreach (var x in s)
            objective.SetCoefficient(x, 1);
        objective.SetMinimization();
        while (clock.Elapsed < limit && rounds < maximumRounds)
        {
            var result = solver.Solve();
            rounds++;
            if (result != Solver.ResultStatus.OPTIMAL)
                break;
            bound = Math.Max(bound, (int)Math.Ceiling(objective.Value() - 1e-6));
            var values = s.Select(x => Math.Clamp(x.SolutionValue(), 0, 1)).ToArray();
            var added = 0;
            // The sensitive cells' cuts, and those of every cell the relaxation suppresses in part (its need scaled by its value).
            foreach (var p in Enumerable.Range(0, table.Size).Where(c => values[c] >= Partly))
            {
                var status = sensitive[p] ? CellStatus.PrimarySuppressed : CellStatus.SecondarySuppressed;
                for (var l = 0; l < layers.Count; l++)
                {
                    var attacker = attackers[l] ??= new ProtectionCuts(table, layers[l]);
                    double[]? row;
                    try
                    {
                        row = OptimalSuppression.CutRow(attacker, p, layers[l].Level(p, status), values);
                    }
                    catch (InvalidOperationException)
                    {
                        continue;
                    }
                    if (row is null)
                        continue;
                    OptimalSuppression.AddRow(solver, s, row);
                    cuts.Add(row);
                    added++;
                }
            }
            if (added == 0)
                break;
        }
        return new Result(bound, cuts, rounds);
    }
}
