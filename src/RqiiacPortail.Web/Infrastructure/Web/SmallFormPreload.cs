namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// Reads a small URL-encoded form before the rate limiter, so that the sign-in limit can count per account typed
/// as well as per address. Only the endpoints under the sign-in policy (sign-in, reset), only
/// <c>application/x-www-form-urlencoded</c>: every other post is read by its page, after the limiter, as usual.
/// </summary>
public sealed class SmallFormPreload(RequestDelegate next)
{
    private const long MaxBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentLength is > 0 and <= MaxBytes
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName == WebModule.SignInPolicy
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            try { await request.ReadFormAsync(context.RequestAborted); }
            catch (InvalidDataException) { /* a malformed form is the page's to refuse */ }
        }
        await next(context);
    }
}
