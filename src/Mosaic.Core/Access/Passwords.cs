using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Mosaic.Core.Access;

/// <summary>
/// Password hashing with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, salted,
/// its v3 format), and generated passwords for new accounts.
/// </summary>
internal static class Passwords
{
    /// <summary>Shortest password accepted for an account.</summary>
    public const int MinimumLength = 10;

    // Letters and digits without look-alikes (0/O, 1/l/I), so a printed password can be typed back.
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static readonly PasswordHasher<UserAccount> s_hasher = new();

    /// <summary>The salted PBKDF2 hash of a password, in Identity's v3 format (the text stored for the
    /// account).</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return s_hasher.HashPassword(null!, password);
    }

    /// <summary>Whether the password matches; <paramref name="rehash"/> is a new hash when the stored one is outdated.</summary>
    public static bool Verify(string hash, string password, out string? rehash)
    {
        rehash = null;
        if (string.IsNullOrEmpty(hash) || password is null)
            return false;
        PasswordVerificationResult result;
        try
        {
            result = s_hasher.VerifyHashedPassword(null!, hash, password);
        }
        catch (FormatException)
        {
            return false;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            rehash = Hash(password);
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>A random password of 20 characters (about 117 bits).</summary>
    public static string Generate()
    {
        Span<char> chars = stackalloc char[20];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>Null when the password is acceptable, else the reason in words.</summary>
    public static string? Check(string? password) =>
        string.IsNullOrEmpty(password) ? "the password is empty" :
        password.Length < MinimumLength ? $"the password must have at least {MinimumLength} characters" :
        null;
}
