namespace Mosaic.Core.Microdata;

/// <summary>The file format of a microdata export.</summary>
public enum MicrodataFormat
{
    /// <summary>CSV through Mosaic's CSV writer (UTF-8, formula guard on).</summary>
    Csv,

    /// <summary>
    /// An XLSX workbook: sheet <c>records</c> (header, HXL hashtag row, records) and sheet <c>about</c> (the keys and
    /// the measured risk).
    /// </summary>
    Xlsx,

    /// <summary>CSV as <see cref="Csv"/> with an HXL hashtag row under the header (the tags of <c>tabulate --format hxl</c>).</summary>
    Hxl,
}
