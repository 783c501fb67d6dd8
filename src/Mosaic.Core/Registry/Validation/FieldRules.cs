using System.Globalization;

namespace Mosaic.Core.Registry.Validation;

/// <summary>
/// Parsing and range rules for single form values. Each rule returns null when the value is valid (with the
/// parsed result), else a plain-language reason for the errors file. Empty input never reaches these rules:
/// missing values are handled by the caller.
/// </summary>
internal static class FieldRules
{
    /// <summary>Oldest accepted age in years.</summary>
    public const int MaximumAge = 120;

    /// <summary>Largest plausible amount (a monthly income or transfer in any currency): above it, a typing error such as <c>1e308</c>.</summary>
    public const double MaximumAmount = 1e12;

    /// <summary>The standard form's "none of these" answer to the shocks question: no shock, never with one.</summary>
    public const string NoShock = "none";

    /// <summary>Earliest plausible date of a move or a submission.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    // Excel serial day 0 is 1899-12-30 once Lotus' 1900 leap-year bug is accounted for (serials ≥ 61).
    private static readonly DateOnly s_excelEpoch = new(1899, 12, 30);

    // The latest "tomorrow" Plausible has computed (a date, so reads and writes are atomic).
    private static DateOnly s_latest = DateOnly.MinValue;

    /// <summary>Age: a whole number of years, 0–120 (<c>12.0</c> from a spreadsheet cell is accepted).</summary>
    public static string? Age(string text, out int age) => Age(text, new NumberRange(0, MaximumAge), out age);

    /// <summary>Age: a whole number of years within <paramref name="range"/>.</summary>
    public static string? Age(string text, NumberRange range, out int age)
    {
        age = 0;
        // Plain digits only: "1e1" is not how anyone writes an age of 10.
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value != Math.Floor(value))
            return "age must be a whole number of years";
        if (value < range.Min || value > range.Max)
            return $"age must be between {range.Min:0} and {range.Max:0}";
        age = (int)value;
        return null;
    }

    /// <summary>A WG-SS answer: 1 (no difficulty) to 4 (cannot do at all).</summary>
    public static string? WashingtonGroup(string text, out byte answer)
    {
        answer = 0;
        if (text.Length == 1 && text[0] is >= '1' and <= '4')
        {
            answer = (byte)(text[0] - '0');
            return null;
        }
        if (TryParseNumber(text, out var value) && value is 1 or 2 or 3 or 4)
        {
            answer = (byte)value;
            return null;
        }
        return "WG-SS answer must be 1, 2, 3 or 4";
    }

    /// <summary>A non-negative amount (income, remittances, welfare).</summary>
    public static string? NonNegative(string text, out double value) => Amount(text, NumberRange.Amount, out value);

    /// <summary>An amount within <paramref name="range"/> (its minimum is 0 or more).</summary>
    public static string? Amount(string text, NumberRange range, out double value)
    {
        if (!TryParseNumber(text, out value))
            return "not a number";
        if (value > range.Max)
            return $"implausibly large (above {range.Max:N0}): a typing error?";
        if (value < 0)
            return "must not be negative";
        return value < range.Min ? $"implausibly small (below {range.Min:N0}): a typing error?" : null;
    }

    /// <summary>A yes/no answer, exactly <c>yes</c> or <c>no</c> as on the form.</summary>
    public static string? YesNo(string text, out bool value)
    {
        value = text == "yes";
        return value || text == "no" ? null : "must be 'yes' or 'no'";
    }

    /// <summary>A code of a choice list, exactly as in <see cref="Codes"/>.</summary>
    public static string? Choice<TEnum>(CodeList<TEnum> list, string text, out TEnum value) where TEnum : struct, Enum =>
        list.TryParse(text, out value) ? null : $"unknown code; allowed: {list.Describe()}";

    /// <summary>A select-multiple answer of shock codes separated by spaces.</summary>
    public static string? Shocks(string text, Func<string, string?>? recode, out Shocks shocks)
    {
        shocks = Registry.Shocks.None;
        var none = false;
        foreach (var range in text.AsSpan().Split(' '))
        {
            var token = text[range].Trim();
            if (token.Length == 0)
                continue;
            if (recode is not null)
            {
                if (recode(token) is not { } recoded)
                    continue; // a token the mapping drops (e.g. "other")
                token = recoded;
            }
            if (token == NoShock)
            {
                none = true;
                continue;
            }
            if (!Codes.Shock.TryParse(token, out var shock))
                return $"unknown shock code '{token}'; allowed: {Codes.Shock.Describe()}, or {NoShock}";
            shocks |= shock;
        }
        return none && shocks != Registry.Shocks.None ? $"'{NoShock}' (no shock) cannot be combined with a shock" : null;
    }

    /// <summary>A Kobo/ODK geopoint <c>"lat lon [alt [accuracy]]"</c> in WGS84 degrees.</summary>
    public static string? Gps(string text, out GeoPoint point)
    {
        point = default;
        Span<double> parts = stackalloc double[4];
        var count = 0;
        foreach (var range in text.AsSpan().Split(' '))
        {
            var token = text.AsSpan()[range];
            if (token.IsEmpty)
                continue;
            if (count == 4 || !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out parts[count]) ||
                !double.IsFinite(parts[count]))
            {
                return "GPS must be 'latitude longitude [altitude [accuracy]]' in decimal degrees";
            }
            count++;
        }
        if (count < 2)
            return "GPS must be 'latitude longitude [altitude [accuracy]]' in decimal degrees";
        if (parts[0] is < -90 or > 90)
            return "GPS latitude must be between -90 and 90";
        if (parts[1] is < -180 or > 180)
            return "GPS longitude must be between -180 and 180";
        if (count == 4 && parts[3] < 0)
            return "GPS accuracy must not be negative";
        point = new GeoPoint(parts[0], parts[1], count > 2 ? parts[2] : null, count > 3 ? parts[3] : null);
        return null;
    }

    /// <summary>A date: ISO <c>YYYY-MM-DD</c>, or an Excel serial day number when read from a spreadsheet.</summary>
    public static string? Date(string text, bool allowSerial, out DateOnly date) => Date(text, allowSerial, DateRange.Any, out date);

    /// <summary>A date (as <see cref="Date(string, bool, out DateOnly)"/>) within <paramref name="range"/>.</summary>
    public static string? Date(string text, bool allowSerial, DateRange range, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return Plausible(date, range);
        if (allowSerial && TryParseNumber(text, out var serial) && serial is >= 61 and < 2958466)
        {
            date = s_excelEpoch.AddDays((int)Math.Floor(serial));
            return Plausible(date, range);
        }
        return allowSerial ? "date must be YYYY-MM-DD (or a spreadsheet date)" : "date must be YYYY-MM-DD";
    }

    /// <summary>
    /// A submission time: ISO 8601 with or without an offset (no offset = UTC, as Kobo writes
    /// <c>_submission_time</c>), or an Excel serial when read from a spreadsheet.
    /// </summary>
    public static string? Timestamp(string text, bool allowSerial, out DateTimeOffset time) =>
        Timestamp(text, allowSerial, DateRange.Any, out time);

    /// <summary>A submission time (as <see cref="Timestamp(string, bool, out DateTimeOffset)"/>) whose date is within <paramref name="range"/>.</summary>
    public static string? Timestamp(string text, bool allowSerial, DateRange range, out DateTimeOffset time)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time) &&
            text.Length >= 10 && text[4] == '-')
        {
            return Plausible(DateOnly.FromDateTime(time.UtcDateTime), range);
        }
        if (allowSerial && TryParseNumber(text, out var serial) && serial is >= 61 and < 2958466)
        {
            var ticks = (long)Math.Round(serial * TimeSpan.TicksPerDay / TimeSpan.TicksPerSecond) * TimeSpan.TicksPerSecond;
            time = new DateTimeOffset(s_excelEpoch.ToDateTime(TimeOnly.MinValue).AddTicks(ticks), TimeSpan.Zero);
            return Plausible(DateOnly.FromDateTime(time.UtcDateTime), range);
        }
        time = default;
        return "time must be ISO 8601, e.g. 2026-09-14T10:30:00";
    }

    /// <summary>
    /// A date is plausible from the range's minimum to its maximum, and never after tomorrow (UTC; time zones
    /// ahead of UTC).
    /// </summary>
    private static string? Plausible(DateOnly date, DateRange range)
    {
        if (date < range.Min)
            return $"date {date:yyyy-MM-dd} is before {range.Min:yyyy-MM-dd}: a typing error?";
        // The clock is read only for a date past the last "tomorrow" seen (it runs per value on the import hot path):
        // that one can only lie in the past, so a date at or before it is never in the future.
        if (date > s_latest)
        {
            var latest = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
            s_latest = latest;
            if (date > latest)
                return $"date {date:yyyy-MM-dd} is in the future";
        }
        return range.Max is { } max && date > max ? $"date {date:yyyy-MM-dd} is after {max:yyyy-MM-dd}: a typing error?" : null;
    }

    /// <summary>An ISO 3166-1 alpha-3 country code (upper-cased).</summary>
    public static string? Country(string text, out string code)
    {
        code = text;
        if (text.Length != 3 || !char.IsAsciiLetter(text[0]) || !char.IsAsciiLetter(text[1]) || !char.IsAsciiLetter(text[2]))
            return "country must be an ISO3 code such as BGD";
        if (!char.IsAsciiLetterUpper(text[0]) || !char.IsAsciiLetterUpper(text[1]) || !char.IsAsciiLetterUpper(text[2]))
            code = text.ToUpperInvariant();
        return null;
    }

    /// <summary>Parses an invariant-culture finite number.</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
