using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>Solver settings shared by the audits' linear programmes.</summary>
internal static class SolverParameters
{
    /// <summary>
    /// Solve without the previous basis: the audits re-solve this way when a warm re-solve does not end optimal, so
    /// that only a programme infeasible from scratch is reported.
    /// </summary>
    public static MPSolverParameters FromScratch { get; } = Create();

    private static MPSolverParameters Create()
    {
        var parameters = new MPSolverParameters();
        parameters.SetIntegerParam(MPSolverParameters.IntegerParam.INCREMENTALITY, (int)MPSolverParameters.IncrementalityValues.INCREMENTALITY_OFF);
        return parameters;
    }
}
