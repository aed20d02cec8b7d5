namespace RqiiacPortail.Web.Infrastructure.Web;

public static class HttpRequestExtensions
{
    /// <summary>An absolute address under the current section, for links that leave the site (e-mails); see <see cref="PublicUrls"/>.</summary>
    public static string AbsoluteUrl(this HttpRequest request, string relativePath) =>
        request.HttpContext.RequestServices.GetRequiredService<PublicUrls>().InSection(relativePath);

    /// <summary>
    /// A return address is followed only when it stays on this site: a single leading slash, and nothing a
    /// browser could read as another host (« //evil », « /\evil ») or that is not a plain address (control
    /// characters, white space of any kind, which also break the Location header).
    /// </summary>
    public static string SafeReturnUrl(this HttpRequest request, string? returnUrl) =>
        IsLocal(returnUrl) ? returnUrl! : request.PathBase + "/";

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 2048 && url[0] == '/'
        && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
}
