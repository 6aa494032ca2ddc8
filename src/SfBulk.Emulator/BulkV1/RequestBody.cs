using System.IO.Compression;

namespace SfBulk.Emulator.BulkV1;

/// <summary>Reads a request body with a size cap, inflating <c>Content-Encoding: gzip</c> (the only one supported).</summary>
internal static class RequestBody
{
    /// <summary>Returns the body, or null when it exceeds <paramref name="maxBytes"/>.</summary>
    /// <exception cref="V1Exception">415 for a compression other than gzip.</exception>
    public static async Task<byte[]?> ReadAsync(HttpContext context, int maxBytes)
    {
        var encoding = context.Request.Headers.ContentEncoding.ToString();
        var body = context.Request.Body;
        GZipStream? gzip = null;
        if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            if (!encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                // Status per the Bulk 1.0 status page; code and message unverified.
                throw new V1Exception(ExceptionCodes.ClientInputError, "Unsupported Content-Encoding: " + encoding, StatusCodes.Status415UnsupportedMediaType);
            }

            gzip = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
            body = gzip;
        }

        await using (gzip)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
