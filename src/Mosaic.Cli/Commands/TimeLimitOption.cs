using System.CommandLine;
using Mosaic.Core.Disclosure;

namespace Mosaic.Cli.Commands;

/// <summary>
/// <c>--time-limit SECONDS</c>: the wall-clock safety cap of the optimal secondary suppression (<c>--secondary optimal</c>)
/// per table (its stages end by work budgets, so the pattern does not depend on the machine); when it is reached, the best
/// safe pattern found so far is used and the rule text says so.
/// </summary>
internal static class TimeLimitOption
{
    public static Option<int> Create()
    {
        var option = new Option<int>("--time-limit")
        {
            Description = "Safety time limit of --secondary optimal per table, in seconds (its search ends by fixed work budgets first): " +
                          "when it is reached, the best safe pattern found so far is used (never more cells than hypercube) and the rule text says so",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DisclosureRule.DefaultOptimalTimeLimitSeconds,
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError("--time-limit must be at least 1 second");
        });
        return option;
    }
}
