using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Mosaic.Server.Dashboard;

/// <summary>
/// The dashboard's built files, embedded in the assembly (see the project file) so that any host serves them
/// without a content root: path → bytes, content type and a content hash for ETags.
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly FrozenDictionary<string, string> s_types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".woff2"] = "font/woff2",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, DashboardAsset> _assets = Load();

    /// <summary>The asset at a path relative to the dashboard root (e.g. <c>app.js</c>), or null.</summary>
    public DashboardAsset? Find(string path) => _assets.GetValueOrDefault(path.TrimStart('/'));

    private static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var path = name[Prefix.Length..].Replace('\\', '/');
            var type = s_types.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            assets[path] = new DashboardAsset(bytes, type, "\"" + Convert.ToHexString(SHA256.HashData(bytes), 0, 8) + "\"");
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>One embedded file.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);
