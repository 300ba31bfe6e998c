using System.Text.Json;
using System.Text.Unicode;

namespace Commerce.Postgres.Streams;

/// <summary>
/// Checks an event before it joins a group-commit batch. PostgreSQL rejects a whole statement for
/// one bad row, so an event it would refuse must be refused here, alone, or it would fail every
/// event it shares a flush with: malformed JSON or UTF-8. It also refuses what the <c>json</c>
/// column would store but <c>jsonb</c> could not read, a <c>\u0000</c> escape or an escaped lone
/// surrogate, so every stored payload can be queried as <c>payload::jsonb</c>. (What only the
/// server can know, such as text its database encoding cannot hold, is caught by the flush, which
/// then retries its appends one by one.)
/// </summary>
internal static class StreamPayloadValidator
{
    /// <summary>Deeper than any behaviour event; PostgreSQL's own limit is its stack depth, far beyond.</summary>
    private const int MaxDepth = 1000;

    private static readonly JsonReaderOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = MaxDepth,
    };

    public static void ThrowIfInvalidEventType(string eventType, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(eventType, parameterName);
        if (eventType.Length == 0) throw new ArgumentException("An event type must not be empty.", parameterName);
        foreach (var c in eventType)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                throw new ArgumentException($"An event type must be printable text without control characters or surrogates: '{eventType}'.", parameterName);
            }
        }
    }

    public static void ThrowIfInvalidPayload(ReadOnlySpan<byte> utf8Json, string parameterName)
    {
        if (!Utf8.IsValid(utf8Json)) throw new ArgumentException("The event payload is not valid UTF-8.", parameterName);
        var reader = new Utf8JsonReader(utf8Json, s_options);
        try
        {
            while (reader.Read())
            {
                if ((reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName) && reader.ValueIsEscaped
                    && reader.GetString()!.Contains('\0', StringComparison.Ordinal))
                {
                    throw new ArgumentException("The event payload has a \\u0000 escape, which PostgreSQL jsonb cannot read.", parameterName);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The event payload is not valid JSON: {ex.Message}", parameterName, ex);
        }
        catch (InvalidOperationException ex)
        {
            // GetString throws this for an escaped lone surrogate (\ud800 without its pair).
            throw new ArgumentException($"The event payload is not valid JSON text: {ex.Message}", parameterName, ex);
        }
    }
}
