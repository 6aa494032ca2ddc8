using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace SfBulk;

/// <summary>
/// The state a close request asks for: <see cref="Closed"/> (the default) or <see cref="Aborted"/>. Parses
/// case-insensitively (<c>closed</c>, <c>ABORTED</c>); always prints the canonical spelling.
/// </summary>
public readonly struct CloseJobState : IEquatable<CloseJobState>
{
    private readonly bool _aborted;

    private CloseJobState(bool aborted) => _aborted = aborted;

    /// <summary>Close the job: no more data can be added; what was added is still processed (Bulk 2.0: <c>UploadComplete</c>).</summary>
    public static CloseJobState Closed { get; }

    /// <summary>Abort the job: queued data is not processed; committed data is not rolled back.</summary>
    public static CloseJobState Aborted { get; } = new(true);

    /// <summary>Compares two states.</summary>
    /// <param name="left">The first state.</param>
    /// <param name="right">The second state.</param>
    /// <returns>True when they are the same state.</returns>
    public static bool operator ==(CloseJobState left, CloseJobState right) => left.Equals(right);

    /// <summary>Compares two states.</summary>
    /// <param name="left">The first state.</param>
    /// <param name="right">The second state.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(CloseJobState left, CloseJobState right) => !left.Equals(right);

    /// <summary>Parses <c>Closed</c> or <c>Aborted</c>, ignoring case and surrounding spaces.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentException">The text is neither.</exception>
    public static CloseJobState Parse(string? value) =>
        TryParse(value, out var state)
            ? state
            : throw new ArgumentException($"'{value}' is not a close state: use Closed or Aborted.", nameof(value));

    /// <summary>Tries to parse <c>Closed</c> or <c>Aborted</c>, ignoring case and surrounding spaces.</summary>
    /// <param name="value">The text.</param>
    /// <param name="state">The state when the text is valid.</param>
    /// <returns>True when the text is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out CloseJobState state)
    {
        var text = value?.Trim();
        if (string.Equals(text, "Closed", StringComparison.OrdinalIgnoreCase))
        {
            state = Closed;
            return true;
        }

        if (string.Equals(text, "Aborted", StringComparison.OrdinalIgnoreCase))
        {
            state = Aborted;
            return true;
        }

        state = default;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(CloseJobState other) => _aborted == other._aborted;

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is CloseJobState other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _aborted ? 1 : 0;

    /// <summary>Returns <c>Closed</c> or <c>Aborted</c>.</summary>
    /// <returns>The canonical spelling.</returns>
    public override string ToString() => _aborted ? "Aborted" : "Closed";
}
