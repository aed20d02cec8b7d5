namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>Whether an address stays on this site, as <c>IUrlHelper.IsLocalUrl</c> decides, for services that have no request.</summary>
public static class LocalPaths
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] is not ('/' or '\\') && !url.AsSpan(1).ContainsAnyInRange('\0', '\x1f') && !url.Contains('\x7f')));
}
