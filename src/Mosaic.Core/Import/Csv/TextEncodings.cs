using System.Text;

namespace Mosaic.Core.Import.Csv;

/// <summary>Text encodings by name (<c>utf-8</c>, <c>windows-1252</c>, <c>iso-8859-1</c>, <c>utf-16</c>, …), legacy code pages included.</summary>
public static class TextEncodings
{
    private static readonly Lazy<bool> s_registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>The encoding of that name; null when no such encoding is known.</summary>
    public static Encoding? Find(string name)
    {
        _ = s_registered.Value;
        try
        {
            // Replacement fallbacks: an undecodable byte becomes U+FFFD, which the CSV reader reports with its row and column.
            return Encoding.GetEncoding(name.Trim(), EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
