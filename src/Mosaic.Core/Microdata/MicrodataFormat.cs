namespace Mosaic.Core.Microdata;

/// <summary>The file format of a microdata export.</summary>
public enum MicrodataFormat
{
    /// <summary>CSV through Mosaic's CSV writer (UTF-8, formula guard on).</summary>
    Csv,

    /// <summary>An XLSX workbook: sheet <c>records</c> and sheet <c>about</c> (the keys and the measured risk).</summary>
    Xlsx,
}
