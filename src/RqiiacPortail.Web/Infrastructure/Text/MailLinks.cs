using System.Text.RegularExpressions;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>
/// Sanitized HTML made fit for an e-mail: every address relative to the site (a link to a tool, an uploaded image) made
/// absolute by the caller (from the configured public address, never a request's host).
/// </summary>
public static partial class MailLinks
{
    public static string Absolute(string sanitizedHtml, Func<string, string> absolute) =>
        RelativeAddress().Replace(sanitizedHtml, m =>
            $"{m.Groups[1].Value}=\"{Mail.MailBody.Encoder.Encode(absolute(System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)))}\"");

    // The sanitizer writes attributes in double quotes: an address from the site's root is « /… » but not « //… ».
    [GeneratedRegex("\\b(href|src)=\"(/(?!/)[^\"]*)\"")]
    private static partial Regex RelativeAddress();
}
