namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// Reads a small URL-encoded form before the rate limiter, so that a limit can count per account typed as
/// well as per address. Only <c>application/x-www-form-urlencoded</c> posts (sign-in, reset): uploads are
/// multipart and keep their endpoint's own size limit.
/// </summary>
public sealed class SmallFormPreload(RequestDelegate next)
{
    private const long MaxBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentLength is > 0 and <= MaxBytes
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            try { await request.ReadFormAsync(context.RequestAborted); }
            catch (InvalidDataException) { /* a malformed form is the page's to refuse */ }
        }
        await next(context);
    }
}
