namespace Mosaic.Core.Registry.Import;

/// <summary>The file layouts the registration import reads.</summary>
public enum RegistrationInputKind
{
    /// <summary>KoboToolbox XLSX: household sheet first, repeat sheet <c>members</c>, linked by <c>_index</c>/<c>_parent_index</c>.</summary>
    KoboXlsx,

    /// <summary>Two CSVs: households and members (<c>--members</c>).</summary>
    CsvPair,

    /// <summary>ODK Central CSV zip: main CSV and the repeat CSV, linked by <c>KEY</c>/<c>PARENT_KEY</c>.</summary>
    OdkZip,
}
