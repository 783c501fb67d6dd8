using System.CommandLine;
using Mosaic.Core.Disclosure;

namespace Mosaic.Cli.Commands;

/// <summary>
/// <c>--time-limit SECONDS</c>: the wall-clock limit of the optimal secondary suppression (<c>--secondary optimal</c>)
/// per table; when it is reached, the best safe pattern found is used and the rule text says it is not proven optimal.
/// </summary>
internal static class TimeLimitOption
{
    public static Option<int> Create()
    {
        var option = new Option<int>("--time-limit")
        {
            Description = "Time limit of --secondary optimal per table, in seconds: when it is reached, the best safe pattern found " +
                          "is used (never more cells than hypercube) and the rule text says it is not proven optimal",
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
