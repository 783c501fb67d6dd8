using System.CommandLine;
using System.Text.RegularExpressions;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// The command line as the user typed it, for the audit log, with secrets masked: a connection string's
/// password and the value of any option whose name says it is a secret.
/// </summary>
internal static partial class CommandLineText
{
    /// <summary>"mosaic" followed by the parsed tokens, quoted where needed, secrets replaced by <c>***</c>.</summary>
    public static string Of(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var parts = new List<string> { "mosaic" };
        var maskNext = false;
        foreach (var token in parse.Tokens)
        {
            var value = token.Value;
            if (maskNext)
            {
                parts.Add("***");
                maskNext = false;
                continue;
            }
            if (value.StartsWith('-') && SecretOption().IsMatch(value))
            {
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                maskNext = eq < 0;
                parts.Add(eq < 0 ? value : value[..(eq + 1)] + "***");
                continue;
            }
            parts.Add(Quote(SecretSetting().Replace(value, "$1=***")));
        }
        return string.Join(' ', parts);
    }

    private static string Quote(string s) =>
        s.Length > 0 && !s.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? s : "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // Connection-string keys that carry a secret (Npgsql and ADO.NET spellings).
    [GeneratedRegex(@"\b(password|pwd|passfile|api[_-]?key|token|secret)\s*=\s*[^;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretSetting();

    [GeneratedRegex(@"^--?[\w-]*(password|secret|token|api-?key)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretOption();
}
