using System.Globalization;
using System.Text;

namespace RqiiacPortail.Web.Infrastructure.Text;

public static class Slug
{
    /// <summary>« Gaspésie–Îles-de-la-Madeleine » → <c>gaspesie-iles-de-la-madeleine</c>.</summary>
    public static string From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (c is 'œ' or 'Œ') slug.Append("oe");
            else if (c is 'æ' or 'Æ') slug.Append("ae");
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().Trim('-');
    }

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= 64 && slug == From(slug);
}
