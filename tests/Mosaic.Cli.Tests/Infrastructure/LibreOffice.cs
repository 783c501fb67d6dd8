using System.Diagnostics;

namespace Mosaic.Cli.Tests.Infrastructure;

/// <summary>
/// LibreOffice Calc, headless, as the spreadsheet an officer opens a CSV output with: <c>soffice --convert-to
/// xlsx</c> imports the CSV as Calc does (formulas evaluated) and saves what it made of every cell. Missing
/// locally, the calling test is skipped with a message; under <c>CI=true</c> (or <c>MOSAIC_REQUIRE_LIBREOFFICE=1</c>)
/// it fails, since <c>.ci/run</c> installs <c>libreoffice-calc-nogui</c>.
/// </summary>
internal static class LibreOffice
{
    private static readonly string? s_soffice = new[] { "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/usr/local/bin/soffice" }
        .FirstOrDefault(File.Exists);

    public static void Require()
    {
        if (s_soffice is not null)
            return;
        const string missing = "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ||
            Environment.GetEnvironmentVariable("MOSAIC_REQUIRE_LIBREOFFICE") == "1")
            Assert.Fail(missing + " — CI must install it (see .ci/run)");
        Assert.Skip(missing);
    }

    /// <summary>Opens a UTF-8, comma-separated CSV in Calc with formula evaluation on and saves it as XLSX.</summary>
    public static string CsvToXlsx(string csv, string folder)
    {
        Require();
        var profile = Path.Combine(folder, "lo-profile-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(s_soffice!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Its own profile, so a Calc the tester has open (or another test) cannot take the conversion over.
        start.ArgumentList.Add("-env:UserInstallation=file://" + profile);
        foreach (var a in new[] { "--headless", "--norestore", "--nologo" })
            start.ArgumentList.Add(a);
        // CSV import options: separator ',' (44), quote '"' (34), UTF-8 (76), from line 1, default column types,
        // language default, quoted fields not forced to text, special numbers detected, (3 export-only tokens),
        // and token 13: evaluate formulas — as an officer's Calc or Excel does when a CSV is double-clicked.
        start.ArgumentList.Add("--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true");
        start.ArgumentList.Add("--convert-to");
        start.ArgumentList.Add("xlsx");
        start.ArgumentList.Add("--outdir");
        start.ArgumentList.Add(folder);
        start.ArgumentList.Add(csv);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("soffice did not finish converting " + csv);
        }
        var xlsx = Path.Combine(folder, Path.GetFileNameWithoutExtension(csv) + ".xlsx");
        Assert.True(process.ExitCode == 0 && File.Exists(xlsx), $"soffice could not convert {csv}: {output.Result} {error.Result}");
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
        return xlsx;
    }
}
