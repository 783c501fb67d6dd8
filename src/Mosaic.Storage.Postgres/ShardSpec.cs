namespace Mosaic.Storage.Postgres;

/// <summary>
/// One shard of a scaled-out registry: a PostgreSQL database on another server that holds the households (with
/// their members and movements) of some first-level areas.
/// </summary>
/// <param name="Name">A short name (letters, digits, underscore), used in messages: "shard north is unreachable".</param>
/// <param name="Location">The shard database, as for <c>--db</c> (<c>postgres://…</c> or <c>Host=…</c>).</param>
/// <param name="Adm1Pcodes">Admin-1 P-codes placed on this shard; empty for the shard that takes every other one.</param>
public sealed record ShardSpec(string Name, string Location, IReadOnlyList<string> Adm1Pcodes)
{
    /// <summary>Whether this shard takes the admin-1 areas no other shard lists (exactly one shard does).</summary>
    public bool IsDefault => Adm1Pcodes.Count == 0;

    /// <summary>
    /// Parses <c>NAME=LOCATION</c>, optionally followed by <c>@ADM1,ADM1…</c> (e.g.
    /// <c>north=postgres://mosaic@10.0.0.2/registry@BD55,BD45</c>); without a list the shard takes every other area.
    /// </summary>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
            throw new ArgumentException($"'{text}': expected NAME=LOCATION[@ADM1,ADM1…]", nameof(text));
        var name = text[..eq];
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"shard name '{name}': use letters, digits and '_' only", nameof(text));
        var rest = text[(eq + 1)..];
        var at = rest.LastIndexOf('@');
        // An '@' also separates user and host in a URI: a placement list is the part after the last '@' only when
        // it contains no '/' or ';' (P-codes never do).
        if (at >= 0 && rest[(at + 1)..].All(c => char.IsAsciiLetterOrDigit(c) || c == ','))
        {
            var codes = rest[(at + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new ShardSpec(name.ToLowerInvariant(), rest[..at], codes);
        }
        return new ShardSpec(name.ToLowerInvariant(), rest, []);
    }
}
