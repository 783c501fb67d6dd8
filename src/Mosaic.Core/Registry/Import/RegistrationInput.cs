using System.IO.Compression;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// What the user gave: a Kobo XLSX, a household CSV with its member CSV, or an ODK Central zip. Can be opened
/// more than once (the importer reruns a join in buffered mode when members are not in household order).
/// </summary>
public sealed class RegistrationInput
{
    private RegistrationInput(string path, string? membersPath, RegistrationInputKind kind, CsvReadOptions csv)
    {
        Path = path;
        MembersPath = membersPath;
        Kind = kind;
        Csv = csv;
    }

    /// <summary>How CSV files and zip entries are read (encoding, limits).</summary>
    public CsvReadOptions Csv { get; }

    public string Path { get; }

    public string? MembersPath { get; }

    public RegistrationInputKind Kind { get; }

    /// <summary>File name shown in messages.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>Tells the layout from the file extension.</summary>
    /// <exception cref="RegistrationInputException">Unknown extension, or a CSV without its member file.</exception>
    public static RegistrationInput Detect(string path, string? membersPath = null, CsvReadOptions? csv = null)
    {
        csv ??= CsvReadOptions.Default;
        var ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        switch (ext)
        {
            case ".xlsx":
                return new(path, null, RegistrationInputKind.KoboXlsx, csv);
            case ".zip":
                return new(path, null, RegistrationInputKind.OdkZip, csv);
            case ".csv" or ".txt":
                if (membersPath is null)
                {
                    throw new RegistrationInputException(
                        $"{System.IO.Path.GetFileName(path)} is a CSV: give the member roster with --members FILE (a household needs its members)");
                }
                return new(path, membersPath, RegistrationInputKind.CsvPair, csv);
            default:
                throw new RegistrationInputException(
                    $"{System.IO.Path.GetFileName(path)}: unknown file type '{ext}'; expected a Kobo .xlsx, a .csv with --members, or an ODK Central .zip");
        }
    }

    /// <summary>Opens fresh row streams over the input.</summary>
    public RegistrationTables Open(RegistrationMapping mapping) => Kind switch
    {
        RegistrationInputKind.KoboXlsx => OpenXlsx(mapping),
        RegistrationInputKind.OdkZip => OpenZip(mapping),
        _ => OpenCsvPair(),
    };

    private RegistrationTables OpenCsvPair()
    {
        var households = CsvRowReader.Open(Path, Csv);
        try
        {
            var members = CsvRowReader.Open(MembersPath!, Csv);
            return new RegistrationTables(households, members, new FileInfo(Path).Length + new FileInfo(MembersPath!).Length);
        }
        catch
        {
            households.Dispose();
            throw;
        }
    }

    private RegistrationTables OpenXlsx(RegistrationMapping mapping)
    {
        XlsxWorkbook workbook;
        try
        {
            workbook = XlsxWorkbook.Open(Path);
        }
        catch (InvalidDataException ex)
        {
            throw new RegistrationInputException(ex.Message, ex);
        }
        try
        {
            var names = workbook.SheetNames;
            if (names.Count < 2)
                throw new RegistrationInputException($"{FileName} has {names.Count} sheet(s): expected the household sheet first and a '{RegistrationFields.MembersSheet}' sheet");
            var membersIndex = -1;
            var wanted = mapping.MembersSheet ?? RegistrationFields.MembersSheet;
            for (var i = 1; i < names.Count && membersIndex < 0; i++)
            {
                if (string.Equals(names[i], wanted, StringComparison.OrdinalIgnoreCase))
                    membersIndex = i;
            }
            var parentNames = mapping.MemberSources[(int)MemberField.ParentLink];
            for (var i = 1; i < names.Count && membersIndex < 0 && mapping.MembersSheet is null; i++)
            {
                using var probe = workbook.OpenSheet(i);
                if (new HeaderLookup(probe.Table.Headers).Find(parentNames) >= 0)
                    membersIndex = i;
            }
            if (membersIndex < 0)
            {
                throw new RegistrationInputException(
                    $"{FileName}: no member sheet: expected a sheet named '{wanted}' or one with a {string.Join("/", parentNames)} column (sheets: {string.Join(", ", names)})");
            }
            var households = workbook.OpenSheet(0);
            var members = workbook.OpenSheet(membersIndex);
            return new RegistrationTables(households, members, workbook.Length, workbook);
        }
        catch
        {
            workbook.Dispose();
            throw;
        }
    }

    private RegistrationTables OpenZip(RegistrationMapping mapping)
    {
        // Two archive instances over two file handles: each table streams its own entry independently.
        var (mainName, repeatName) = FindOdkEntries(mapping);
        var main = OpenEntry(mainName);
        try
        {
            var repeat = OpenEntry(repeatName);
            return new RegistrationTables(main.Reader, repeat.Reader, main.Length + repeat.Length, main.Archive, repeat.Archive);
        }
        catch
        {
            main.Reader.Dispose();
            main.Archive.Dispose();
            throw;
        }
    }

    private (CsvRowReader Reader, ZipArchive Archive, long Length) OpenEntry(string entryName)
    {
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        var entry = archive.GetEntry(entryName)!;
        var reader = new CsvRowReader(ZipLimits.Open(entry, FileName), FileName, entry.FullName, () => stream.Position, Csv);
        return (reader, archive, stream.Length);
    }

    private (string Main, string Repeat) FindOdkEntries(RegistrationMapping mapping)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(Path);
        }
        catch (InvalidDataException ex)
        {
            throw new RegistrationInputException($"{FileName} is not a readable zip file: {ex.Message}", ex);
        }
        using (archive)
        {
            ZipLimits.Check(archive, FileName);
            string? main = null;
            var repeats = new List<string>();
            var parentNames = mapping.MemberSources[(int)MemberField.ParentLink];
            foreach (var entry in archive.Entries)
            {
                if (!entry.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                    continue;
                using var reader = new CsvRowReader(ZipLimits.Open(entry, FileName), FileName, entry.FullName, () => 0, Csv);
                if (new HeaderLookup(reader.Table.Headers).Find(parentNames) >= 0)
                    repeats.Add(entry.FullName);
                else
                    main ??= entry.FullName;
            }
            var wanted = "-" + (mapping.MembersSheet ?? RegistrationFields.MembersSheet) + ".csv";
            var repeat = repeats.Find(r => r.EndsWith(wanted, StringComparison.OrdinalIgnoreCase)) ?? (repeats.Count == 1 ? repeats[0] : null);
            if (main is null || repeat is null)
            {
                var names = string.Join(", ", archive.Entries.Select(e => e.FullName));
                throw new RegistrationInputException(
                    $"{FileName}: expected an ODK Central export with a main CSV and a repeat CSV '*{wanted}' with PARENT_KEY (entries: {names})");
            }
            return (main, repeat);
        }
    }
}
