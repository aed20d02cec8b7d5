using System.Globalization;
using System.Text.RegularExpressions;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>French (Canada) formatting and ordering used across the portal.</summary>
public static partial class FrenchText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-CA");

    /// <summary>Sorts « Île », « Estrie », « Éthique » the way a French reader expects.</summary>
    public static readonly StringComparer Comparer = StringComparer.Create(Culture, CompareOptions.IgnoreCase);

    /// <summary>Québec's time: dates are stored in UTC and shown as members live them.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    public static DateTimeOffset Local(DateTimeOffset date) => TimeZoneInfo.ConvertTime(date, Zone);

    /// <summary>Midnight in Québec on <paramref name="day"/>, in UTC (what a database compares).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>« 23 novembre 2026 », « 1er décembre 2026 »: the day in Québec.</summary>
    public static string Date(DateTimeOffset date) => Day(Local(date)) + Local(date).ToString(" MMMM yyyy", Culture);

    /// <summary>« 23 novembre 2026 à 9 h 05 », Québec time.</summary>
    public static string DateTime(DateTimeOffset date) => Day(Local(date)) + Local(date).ToString(" MMMM yyyy 'à' H 'h' mm", Culture);

    // French writes the first of the month as an ordinal.
    private static string Day(DateTimeOffset local) => local.Day == 1 ? "1er" : local.Day.ToString(Culture);

    /// <summary>
    /// « 0 réponse », « 1 réponse », « 2 réponses », « 1 500 membres »: French takes the singular below two (unlike
    /// English), and groups thousands with a space. <paramref name="plural"/> defaults to the singular and an « s ».
    /// </summary>
    public static string Count(long n, string singular, string? plural = null) =>
        n.ToString("#,0", Culture) + " " + (n is > -2 and < 2 ? singular : plural ?? singular + "s");

    /// <summary>
    /// How long ago, as one says it: « à l'instant », « il y a 5 min », « il y a 2 h », « hier », « il y a 3 jours »;
    /// past a week the short date (« 23 nov. », with the year when it is not this one). site.js says the same from the
    /// &lt;time&gt; element's datetime, so a page kept by the output cache never shows a stale « il y a ».
    /// </summary>
    public static string Ago(DateTimeOffset date, DateTimeOffset now)
    {
        var elapsed = now - date;
        if (elapsed < TimeSpan.FromMinutes(1)) return "à l'instant";
        if (elapsed < TimeSpan.FromHours(1)) return $"il y a {(int)elapsed.TotalMinutes} min";
        if (elapsed < TimeSpan.FromDays(1)) return $"il y a {(int)elapsed.TotalHours} h";
        var days = (Local(now).Date - Local(date).Date).Days;
        if (days <= 1) return "hier";
        if (days < 7) return $"il y a {days} jours";
        var local = Local(date);
        return Day(local) + " " + ShortMonths[local.Month - 1] + (local.Year == Local(now).Year ? "" : " " + local.Year.ToString(Culture));
    }

    /// <summary>« déc. », the month of the day in Québec, abbreviated (a calendar tile).</summary>
    public static string ShortMonth(DateTimeOffset date) => ShortMonths[Local(date).Month - 1];

    // The Office québécois de la langue française's abbreviations (« janv. », « févr. »; « mai » and « juin » whole).
    private static readonly string[] ShortMonths = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.", "août", "sept.", "oct.", "nov.", "déc."];

    /// <summary>The moment as ISO 8601 with Québec's offset, for <c>&lt;time datetime&gt;</c>.</summary>
    public static string IsoMoment(DateTimeOffset date) => Local(date).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The day in Québec as ISO 8601, for <c>&lt;time datetime&gt;</c>.</summary>
    public static string IsoDate(DateTimeOffset date) => Local(date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// « 9 h 00 » and « 27 décembre 2026 » never split across two lines: their spaces become non-breaking ones,
    /// which browsers and PDFsharp's formatter keep together.
    /// </summary>
    public static string KeepTogether(string text) =>
        Dates().Replace(Hours().Replace(text, "$1\u00A0h\u00A0$2"), "$1\u00A0$2\u00A0$3");

    [GeneratedRegex(@"(\d{1,2}) h (\d{2})")]
    private static partial Regex Hours();

    [GeneratedRegex(@"\b(1er|\d{1,2}) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (\d{4})")]
    private static partial Regex Dates();
}
