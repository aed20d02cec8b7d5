using System.Globalization;
using System.Text;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>
/// A person's name or a pseudonym as it is compared: without case, accents or punctuation, so that
/// « Geneviève Lavoie », « genevieve.lavoie » and « GENEVIEVE  LAVOIE » are one name.
/// </summary>
public static class NameKey
{
    /// <summary>The longest key kept: a display name's.</summary>
    public const int MaxLength = PersonName.MaxLength;

    public static string Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is 'œ' or 'Œ') key.Append("oe");
            else if (c is 'æ' or 'Æ') key.Append("ae");
            else if (char.IsLetterOrDigit(c)) key.Append(char.ToLowerInvariant(c));
            else if (key.Length > 0 && key[^1] != ' ') key.Append(' ');
        }
        var text = key.ToString().TrimEnd();
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }
}
