using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Mosaic.Server.Infrastructure;

/// <summary>
/// Refuses sign-in attempts for a user name, or from a client address, that failed too often within a sliding
/// window, so passwords cannot be guessed at request speed. A success clears the user name's failures. In memory:
/// a restart forgets, which costs an attacker a restart they cannot cause.
/// </summary>
internal sealed class SignInThrottle(IOptions<ServerOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly ServerOptions _options = options.Value;

    /// <summary>How long to wait before trying again, or null when an attempt may be made now.</summary>
    public TimeSpan? RetryAfter(string userName, string client)
    {
        var now = clock.GetUtcNow();
        return Wait("user:" + userName, _options.MaxFailedSignIns, now) ?? Wait("client:" + client, _options.MaxFailedSignInsPerClient, now);
    }

    /// <summary>Counts a failed sign-in against the user name and the client address.</summary>
    public void Failed(string userName, string client)
    {
        var now = clock.GetUtcNow();
        Add("user:" + userName, now);
        Add("client:" + client, now);
    }

    /// <summary>Forgets the user name's failed sign-ins (its client's count stays).</summary>
    public void Succeeded(string userName) => _failures.TryRemove("user:" + userName, out _);

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
            return null;
        lock (times)
        {
            Expire(times, now);
            return times.Count >= limit ? times.Peek() + _options.ThrottleWindow - now : null;
        }
    }

    private void Add(string key, DateTimeOffset now)
    {
        var times = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            Expire(times, now);
            times.Enqueue(now);
        }
    }

    private void Expire(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() + _options.ThrottleWindow <= now)
            times.Dequeue();
    }
}
