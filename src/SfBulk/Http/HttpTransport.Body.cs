using System.Buffers;

namespace SfBulk.Http;

/// <summary>Reads response bodies with a size limit.</summary>
internal sealed partial class HttpTransport
{
    /// <summary>The first buffer when the response does not give its length; most Bulk API answers fit.</summary>
    private const int FirstBufferBytes = 4096;

    /// <summary>The largest first buffer a declared <c>Content-Length</c> gets.</summary>
    private const int LargestFirstBufferBytes = 1 << 20;

    /// <summary>
    /// Reads the whole body into an array of exactly its size. The reading happens in buffers rented from the shared
    /// pool (sized from <c>Content-Length</c> when given, doubled as needed), so a response costs one allocation: the
    /// array returned. A body larger than the limit is refused as soon as it is known to be.
    /// </summary>
    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Outgoing request, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > _maxBodyBytes)
        {
            throw TooLarge(response, request);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // One byte more than declared, so that the read which finds the end needs no bigger buffer; a declared
            // length is trusted up to 1 MiB, beyond that the buffer grows with what actually arrives.
            var buffer = ArrayPool<byte>.Shared.Rent(declared is { } length ? (int)Math.Min(length + 1, LargestFirstBufferBytes) : FirstBufferBytes);
            var count = 0;
            try
            {
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, (long)_maxBodyBytes + 1));
                        buffer.AsSpan(0, count).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return buffer.AsSpan(0, count).ToArray();
                    }

                    count += read;
                    if (count > _maxBodyBytes)
                    {
                        throw TooLarge(response, request);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private SalesforceRestException TooLarge(HttpResponseMessage response, Outgoing request) =>
        new(
            $"{request.Method} {Loggable(request.Url)} answered with a body larger than {_maxBodyBytes} bytes; sfbulk refuses it. Job responses are small: check the URL.",
            SfBulkErrorCodes.InvalidResponse, response.StatusCode, request.Method.Method, request.Url);
}
