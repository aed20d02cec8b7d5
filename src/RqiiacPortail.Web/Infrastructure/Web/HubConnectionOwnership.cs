using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// Binds each hub connection to the member who negotiated it. SignalR takes whoever presents a connection's
/// token (long polling and server-sent events present it at every request) as that connection: another member
/// holding the token would read the first member's notifications. The token is remembered with its member at
/// negotiation and any other member presenting it gets 404, like an unknown token. A visitor's connection (a hub
/// open to visitors) belongs to "no member": a member cannot take it over, nor a visitor a member's.
/// </summary>
public sealed class HubConnectionOwnership(RequestDelegate next, IMemoryCache owners)
{
    private static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromHours(1), Size = 1 };

    public async Task InvokeAsync(HttpContext context)
    {
        var member = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (context.Request.Path.Value?.EndsWith("/negotiate", StringComparison.Ordinal) == true)
        {
            // Past the live connections' bounds, said before any connection is made (the hub refuses too: two at once).
            if (context.RequestServices.GetRequiredService<LiveConnections>().Refusal(context.Connection.RemoteIpAddress?.ToString() ?? "", member) is { } refused)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "60";
                await context.Response.WriteAsync(refused, context.RequestAborted);
                return;
            }
            await NegotiateAsync(context, member);
            return;
        }
        if (context.Request.Query["id"].FirstOrDefault() is { Length: > 0 } token
            && (!owners.TryGetValue(Key(token), out string? owner) || owner != (member ?? Visitor)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context);
    }

    private async Task NegotiateAsync(HttpContext context, string? member)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try { await next(context); }
        finally { context.Response.Body = original; }

        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            using var answer = await JsonDocument.ParseAsync(buffer, cancellationToken: context.RequestAborted);
            // Version 1 clients present the connection token; version 0 clients the connection id.
            foreach (var name in new[] { "connectionToken", "connectionId" })
                if (answer.RootElement.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } id)
                    owners.Set(Key(id), member ?? Visitor, Keep);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private const string Visitor = "";

    /// <summary>Puts the check in front of a hub's address.</summary>
    public static void Guard(IApplicationBuilder app, string hubPath) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(hubPath), hub => hub.UseMiddleware<HubConnectionOwnership>());

    private static string Key(string token) => "hub-connexion:" + token;
}
