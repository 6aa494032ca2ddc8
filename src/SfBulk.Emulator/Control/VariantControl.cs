using System.Text.Json;
using SfBulk.Emulator.Fidelity;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Control;

/// <summary>
/// <c>GET /_emulator/variants</c> lists the variants in force and every value; <c>PUT /_emulator/variants</c> with
/// <c>{"v1RouteForV2Job":"jobInfo", …}</c> sets the named ones (the others keep their value) and answers like GET.
/// </summary>
internal static class VariantControl
{
    public static IEndpointRouteBuilder MapVariantControlEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.ControlPrefix);
        group.MapGet("/variants", GetAsync);
        group.MapPut("/variants", PutAsync);
        return app;
    }

    private static Task GetAsync(HttpContext context) =>
        WriteAsync(context, context.RequestServices.GetRequiredService<OrgState>().Variants);

    private static async Task PutAsync(HttpContext context)
    {
        var (document, error) = await ControlJson.ReadObjectAsync(context, allowEmpty: false).ConfigureAwait(false);
        if (error is not null)
        {
            await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        var state = context.RequestServices.GetRequiredService<OrgState>();
        var variants = state.Variants;
        using (document)
        {
            foreach (var member in document!.RootElement.EnumerateObject())
            {
                if (member.Value.ValueKind != JsonValueKind.String)
                {
                    await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, $"'{member.Name}' must be a string. {EmulatorVariants.Help()}").ConfigureAwait(false);
                    return;
                }

                try
                {
                    variants = variants.With(member.Name, member.Value.GetString()!);
                }
                catch (FormatException e)
                {
                    await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
                    return;
                }
            }
        }

        state.Variants = variants;
        await WriteAsync(context, variants).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, EmulatorVariants variants) =>
        ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            foreach (var pair in variants.ToString().Split(','))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                json.WriteString(pair[..eq], pair[(eq + 1)..]);
            }

            json.WriteStartObject("values");
            foreach (var (name, values) in EmulatorVariants.Catalogue)
            {
                json.WriteStartArray(name);
                foreach (var value in values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
}
