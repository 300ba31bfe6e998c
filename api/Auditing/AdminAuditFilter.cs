using Commerce.Api.Security;
using Commerce.GrainInterfaces.Audit;
using Commerce.GrainInterfaces.Common;
using Orleans;

namespace Commerce.Api.Auditing;

/// <summary>
/// Records every state-changing admin request in the audit log: who (the staff user id), what (the
/// endpoint name), the target (the request path), when, and how it ended. Reads are not recorded,
/// except those that expose personal data, which call <see cref="AuditTrail"/> themselves.
/// </summary>
internal sealed class AdminAuditFilter(IGrainFactory grains, ILogger<AdminAuditFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return await next(context);
        var action = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Method;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception e)
        {
            var outcome = e is InvalidInputException or NotFoundException or ConflictException ? AuditOutcomes.Rejected : AuditOutcomes.Failed;
            await AuditTrail.RecordAsync(grains, logger, http, action, http.Request.Path, outcome, e.Message);
            throw;
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        await AuditTrail.RecordAsync(grains, logger, http, action, http.Request.Path, status < 400 ? AuditOutcomes.Succeeded : AuditOutcomes.Rejected, null);
        return result;
    }
}

/// <summary>Writes one audit entry for the current request's user.</summary>
internal static class AuditTrail
{
    public static async Task RecordAsync(IGrainFactory grains, ILogger logger, HttpContext http, string action, string target, string outcome, string? detail)
    {
        var actor = http.User.UserIdOrNull() ?? "anonymous";
        try
        {
            await grains.GetGrain<IAuditLogGrain>(0).AppendAsync(new AuditRecord(actor, action, target, outcome, detail));
        }
        catch (Exception e)
        {
            // The action already happened; losing its entry is logged loudly rather than failing the response.
            logger.LogError(e, "Audit entry lost: {Actor} {Action} {Target} {Outcome}", actor, action, target, outcome);
        }
    }
}
