using System.Text.RegularExpressions;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>One piece of personal information found in a text: what kind, a masked excerpt, and where.</summary>
/// <param name="Location">Where in <paramref name="Where"/>: « page 2 », « paragraphe 14 », « ligne 3 ».</param>
public sealed record PersonalInfoFinding(string Kind, string Excerpt, string Where, int Line, string Location);

/// <summary>
/// Looks for personal information before something is published: e-mail addresses, telephone numbers, Québec
/// health-insurance numbers (RAMQ), social insurance numbers (checked with their Luhn digit, so that any nine
/// digits are not flagged) and street addresses. It errs on the side of asking: the author confirms or corrects.
/// </summary>
public static partial class PersonalInformation
{
    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d-])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]\d{4}(?!\d)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b[A-Z]{4}\s?\d{4}\s?\d{4}\b")]
    private static partial Regex HealthInsurance();

    [GeneratedRegex(@"(?<![\d-])\d{3}[\s-]?\d{3}[\s-]?\d{3}(?![\d-])")]
    private static partial Regex SocialInsurance();

    [GeneratedRegex(@"\b\d{1,5}(?:-\d{1,4})?,?\s+(?:rue|avenue|av\.|boulevard|boul\.|chemin|ch\.|rang|route|place|montée|côte|croissant|promenade|allée)\s+(?:de\s+la\s+|du\s+|des\s+|de\s+l'|d'|de\s+)?[A-ZÀ-Ý0-9][\w'À-ÿ-]*", RegexOptions.IgnoreCase)]
    private static partial Regex StreetAddress();

    /// <param name="locate">Names a line of the text as its reader would find it (a page, a paragraph).</param>
    public static IReadOnlyList<PersonalInfoFinding> Find(string? text, string where, Func<int, string>? locate = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var findings = new List<PersonalInfoFinding>();
        void Add(string kind, Match m)
        {
            var line = LineOf(text, m.Index);
            findings.Add(new(kind, Mask(m.Value), where, line, locate?.Invoke(line) ?? $"ligne {line}"));
        }

        foreach (Match m in Email().Matches(text)) Add("Adresse courriel", m);
        foreach (Match m in HealthInsurance().Matches(text)) Add("Numéro d'assurance maladie", m);
        foreach (Match m in SocialInsurance().Matches(text))
            if (Luhn(m.Value)) Add("Numéro d'assurance sociale", m);
        foreach (Match m in Phone().Matches(text))
            Add("Numéro de téléphone", m);
        foreach (Match m in StreetAddress().Matches(text)) Add("Adresse civique", m);
        return findings.OrderBy(f => f.Line).ToList();
    }

    /// <summary>
    /// The text with everything <see cref="Find"/> would flag masked in place (for search snippets, whatever
    /// the author confirmed: a snippet is read by people who did not choose to look for it).
    /// </summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        // Line breaks stay where they are: they separate the passages a snippet is cut from.
        static string MaskMatch(Match m) => m.Value.Contains('\n') ? new string(m.Value.Select(c => c == '\n' ? c : '•').ToArray()) : Mask(m.Value);
        text = Email().Replace(text, MaskMatch);
        text = HealthInsurance().Replace(text, MaskMatch);
        text = SocialInsurance().Replace(text, m => Luhn(m.Value) ? MaskMatch(m) : m.Value);
        text = Phone().Replace(text, MaskMatch);
        return StreetAddress().Replace(text, MaskMatch);
    }

    /// <summary>Shows enough to recognise it, not enough to spread it further.</summary>
    private static string Mask(string value)
    {
        var v = value.Trim();
        return v.Length <= 6 ? new string('•', v.Length) : v[..3] + new string('•', v.Length - 5) + v[^2..];
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static bool Luhn(string value)
    {
        var digits = value.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length != 9) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
