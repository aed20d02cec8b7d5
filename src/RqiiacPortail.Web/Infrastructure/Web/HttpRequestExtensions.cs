namespace RqiiacPortail.Web.Infrastructure.Web;

public static class HttpRequestExtensions
{
    /// <summary>An absolute address under the current section, for links that leave the site (e-mails).</summary>
    public static string AbsoluteUrl(this HttpRequest request, string relativePath) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/{relativePath.TrimStart('/')}";

    /// <summary>A return address is followed only when it stays on this site.</summary>
    public static string SafeReturnUrl(this HttpRequest request, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : request.PathBase + "/";
}
