using System.Text;

namespace Mosaic.Cli.Tests.Docs;

/// <summary>
/// A documented command line split as a POSIX shell would for the simple lines the docs use: words, quotes, a
/// trailing <c># comment</c> and <c>&gt; FILE</c>. Anything else (pipes, <c>&amp;&amp;</c>, input redirection) is reported.
/// </summary>
internal sealed record ShellLine(IReadOnlyList<string> Words, string? StdoutFile, string? Unsupported)
{
    public static ShellLine Parse(string text)
    {
        var words = new List<string>();
        string? stdout = null;
        var word = new StringBuilder();
        var inWord = false;
        var redirectNext = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                    return new ShellLine(words, null, "unterminated quote");
                word.Append(text, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else if (c == '>' && !inWord)
            {
                redirectNext = true;
            }
            else if (c is '|' or '&' or ';' or '<' or '$' or '`')
            {
                return new ShellLine(words, null, $"shell syntax '{c}' is not run by the docs test");
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        Flush();
        return new ShellLine(words, stdout, redirectNext ? "'>' without a file" : null);

        void Flush()
        {
            if (!inWord)
                return;
            if (redirectNext)
            {
                stdout = word.ToString();
                redirectNext = false;
            }
            else
            {
                words.Add(word.ToString());
            }
            word.Clear();
            inWord = false;
        }
    }
}
