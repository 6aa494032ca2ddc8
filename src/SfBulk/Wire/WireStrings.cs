using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace SfBulk.Wire;

/// <summary>
/// One shared instance of each short value that repeats from job to job: object names, user ids, states, operations,
/// content types. A sweep keeps every job it touched in its report (as listed and as closed), and sharing these values
/// leaves each job with only its own id and numbers. The pool is bounded: values longer than
/// <see cref="MaxLength"/>, or first seen once it holds <see cref="Capacity"/> values, are returned as they are.
/// </summary>
internal static class WireStrings
{
    /// <summary>The longest value shared (an object name or a user id is far shorter).</summary>
    internal const int MaxLength = 80;

    /// <summary>The most values the pool holds.</summary>
    internal const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int _count;

    /// <summary>The shared instance equal to <paramref name="value"/>, or the value itself.</summary>
    /// <param name="value">A value read from the wire; null stays null.</param>
    /// <returns>An equal string.</returns>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Share(string? value)
    {
        if (value is null || value.Length > MaxLength)
        {
            return value;
        }

        if (Pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            return value;
        }

        shared = Pool.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }
}
