using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// What a proxy or an orchestrator asks of an instance. <c>/health/live</c>: the process answers (restart it
/// otherwise). <c>/health/ready</c>: it can serve as well as the others — its database and Redis answer and its
/// search index is not behind the task log — or 503, so that traffic goes elsewhere while it catches up.
/// <c>/health</c>: every check, for the operator (details for administrators only).
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks that decide whether an instance is ready.</summary>
    public const string Ready = "ready";

    /// <summary>Granted to no role: only administrators (who hold every permission) see the checks' details.</summary>
    private static readonly Permission SeeHealthDetails = new("health.details", "Voir le détail de l'état du site", [], []);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }

    // A load balancer needs the status; the counts behind it (documents, waiting mail) are for administrators.
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var authorization = context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        var details = context.User.Identity?.IsAuthenticated == true && await authorization.CanAsync(context.User, SeeHealthDetails);
        await context.Response.WriteAsync(details
            ? JsonSerializer.Serialize(new
            {
                statut = report.Status.ToString(),
                verifications = report.Entries.ToDictionary(e => e.Key, e => new { statut = e.Value.Status.ToString(), description = e.Value.Description }),
            })
            : JsonSerializer.Serialize(new { statut = report.Status.ToString() }));
    }
}
