using System.Security.Cryptography;

namespace Mosaic.Core.Access;

/// <summary>
/// API token secrets: <c>mosaic_</c> followed by 32 random bytes in base64url. Only the SHA-256 of a secret is
/// stored: a token has full entropy, so a fast hash is enough (a slow one would only slow every request).
/// </summary>
internal static class ApiTokens
{
    /// <summary>The prefix that marks a Mosaic token (and lets secret scanners find leaked ones).</summary>
    public const string Prefix = "mosaic_";

    /// <summary>A new random secret.</summary>
    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a secret.</summary>
    public static byte[] Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>Whether a string has the shape of a Mosaic token (cheap check before any lookup).</summary>
    public static bool LooksLikeToken(string? value) =>
        value is { Length: > 40 } && value.StartsWith(Prefix, StringComparison.Ordinal);

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
