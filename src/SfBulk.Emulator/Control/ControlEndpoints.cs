using SfBulk.Emulator.Allocations;

namespace SfBulk.Emulator.Control;

/// <summary>Maps the test control surface under /_emulator (a path no Salesforce API uses).</summary>
internal static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.ControlPrefix);
        group.MapGet("/health", OrgControl.HealthAsync);
        group.MapGet("/org", OrgControl.OrgAsync);
        group.MapGet("/time", TimeControl.GetAsync);
        group.MapPost("/time/advance", TimeControl.AdvanceAsync);
        group.MapPost("/time/scale", TimeControl.ScaleAsync);
        group.MapPost("/sessions/expire", OrgControl.ExpireSessionsAsync);
        group.MapGet("/requests", RequestControl.GetAsync);
        group.MapDelete("/requests", RequestControl.ResetAsync);
        group.MapPost("/faults", FaultControl.AddAsync);
        group.MapGet("/faults", FaultControl.ListAsync);
        group.MapDelete("/faults", FaultControl.ClearAsync);
        group.MapDelete("/faults/{id}", FaultControl.RemoveAsync);
        group.MapLimitsControl();
        return app;
    }
}
