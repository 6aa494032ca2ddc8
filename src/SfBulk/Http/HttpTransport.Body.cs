using System.Buffers;

namespace SfBulk.Http;

/// <summary>Reads response bodies with a size limit.</summary>
internal sealed partial class HttpTransport
{
    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Outgoing request, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } length && length > _maxBodyBytes)
        {
            throw TooLarge(response, request);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            while (true)
            {
                var memory = buffer.GetMemory(16 * 1024);
                var read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > _maxBodyBytes)
                {
                    throw TooLarge(response, request);
                }
            }
        }
    }

    private SalesforceRestException TooLarge(HttpResponseMessage response, Outgoing request) =>
        new(
            $"{request.Method} {Loggable(request.Url)} answered with a body larger than {_maxBodyBytes} bytes; sfbulk refuses it. Job responses are small: check the URL.",
            SfBulkErrorCodes.InvalidResponse, response.StatusCode, request.Method.Method, request.Url);
}
