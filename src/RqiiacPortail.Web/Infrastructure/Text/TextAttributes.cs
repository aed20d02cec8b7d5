using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>
/// A one-line field (a name, a title): no line breaks, control characters or invisible formatting characters
/// (zero-width spaces, right-to-left overrides that make « gpj.exe » read « exe.jpg »). They break e-mail
/// headers and disguise text; nobody types them on purpose.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SingleLineAttribute() : ValidationAttribute("Ce champ ne peut contenir ni retour à la ligne, ni caractère de contrôle ou invisible.")
{
    public override bool IsValid(object? value) => value is not string text || !text.Any(IsHidden);

    /// <summary>Control characters, line and paragraph separators, and Unicode's invisible format characters.</summary>
    public static bool IsHidden(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>The text with those characters taken out (for names that come from elsewhere, such as a file's).</summary>
    public static string Strip(string text) => text.Any(IsHidden) ? new string(text.Where(c => !IsHidden(c)).ToArray()) : text;
}

/// <summary>
/// An e-mail address exactly as the mail library will read it when sending: one plain address, no display name,
/// no list, no angle brackets. (« a,b@example.org » once passed the form and then failed at every send.)
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MailAddressAttribute() : ValidationAttribute("Cette adresse courriel n'est pas valide.")
{
    public override bool IsValid(object? value) => value is not string text || text.Length == 0 || IsPlainAddress(text);

    public static bool IsPlainAddress(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Any(c => SingleLineAttribute.IsHidden(c) || char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>' or '"' or '(' or ')')) return false;
        if (trimmed.Count(c => c == '@') != 1) return false;
        var at = trimmed.IndexOf('@');
        if (at == 0 || at == trimmed.Length - 1 || !trimmed[(at + 1)..].Contains('.')) return false;
        return MimeKit.MailboxAddress.TryParse(MimeKit.ParserOptions.Default, trimmed, out var parsed)
               && string.Equals(parsed.Address, trimmed, StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(parsed.Name);
    }
}
