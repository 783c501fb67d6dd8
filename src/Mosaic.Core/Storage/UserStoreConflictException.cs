namespace Mosaic.Core.Storage;

/// <summary>An account name that is already taken (case-insensitively).</summary>
public sealed class UserStoreConflictException(string userName)
    : Exception($"a user named '{userName}' already exists")
{
    public string UserName { get; } = userName;
}
