using System.IO.Compression;
using Mosaic.Core.Application;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// What the user gave: a Kobo XLSX, a household CSV with its member CSV, or an ODK Central zip. Can be opened
/// more than once (the importer reruns a join in buffered mode when members are not in household order).
/// </summary>
public sealed class RegistrationInput
{
    private RegistrationInput(ImportSource source, ImportSource? members, RegistrationInputKind kind, CsvReadOptions csv)
    {
        Source = source;
        Members = members;
        Kind = kind;
        Csv = csv;
    }

    /// <summary>How CSV files and zip entries are read (encoding, limits).</summary>
    public CsvReadOptions Csv { get; }

    /// <summary>The household file (or the whole workbook or zip).</summary>
    public ImportSource Source { get; }

    /// <summary>The member roster of a CSV pair, else null.</summary>
    public ImportSource? Members { get; }

    /// <summary>The layout: a Kobo XLSX, a CSV pair or an ODK Central zip.</summary>
    public RegistrationInputKind Kind { get; }

    /// <summary>File name shown in messages.</summary>
    public string FileName => Source.Name;

    /// <summary>Tells the layout from the file name's extension.</summary>
    /// <exception cref="RegistrationInputException">Unknown extension, or a CSV without its member file.</exception>
    public static RegistrationInput Detect(ImportSource source, ImportSource? members = null, CsvReadOptions? csv = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        csv ??= CsvReadOptions.Default;
        var ext = source.Extension;
        switch (ext)
        {
            case ".xlsx":
                return new(source, null, RegistrationInputKind.KoboXlsx, csv);
            case ".zip":
                return new(source, null, RegistrationInputKind.OdkZip, csv);
            case ".csv" or ".txt":
                if (members is null)
                {
                    throw new RegistrationInputException(
                        $"{source.Name} is a CSV: the member roster file is needed too (a household needs its members)", RequestSetting.MembersFile);
                }
                return new(source, members, RegistrationInputKind.CsvPair, csv);
            default:
                throw new RegistrationInputException(
                    $"{source.Name}: unknown file type '{ext}'; expected a Kobo .xlsx, a .csv with its member roster .csv, or an ODK Central .zip");
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
        var households = CsvRowReader.Open(Source, Csv);
        try
        {
            var members = CsvRowReader.Open(Members!, Csv);
            return new RegistrationTables(households, members, (Source.Length ?? 0) + (Members!.Length ?? 0));
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
            workbook = XlsxWorkbook.Open(Source);
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
        var stream = Source.Open();
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        var entry = archive.GetEntry(entryName)!;
        var reader = new CsvRowReader(ZipLimits.Open(entry, FileName), FileName, entry.FullName, () => stream.CanSeek ? stream.Position : 0, Csv);
        return (reader, archive, stream.CanSeek ? stream.Length : Source.Length ?? 0);
    }

    private (string Main, string Repeat) FindOdkEntries(RegistrationMapping mapping)
    {
        ZipArchive archive;
        var stream = Source.Open();
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
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
