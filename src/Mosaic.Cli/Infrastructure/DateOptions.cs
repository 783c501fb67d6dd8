using System.CommandLine;
using System.Globalization;

namespace Mosaic.Cli.Infrastructure;

/// <summary>Date options that say what is wrong in the user's words ("a date as YYYY-MM-DD"), not .NET's type names.</summary>
internal static class DateOptions
{
    /// <summary>An optional <c>YYYY-MM-DD</c> date option.</summary>
    public static Option<DateOnly?> Create(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            result.AddError($"{name} must be a date written YYYY-MM-DD, e.g. 2026-08-01 (got '{text}')");
            return null;
        },
    };
}
