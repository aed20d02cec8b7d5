using System.Globalization;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>French (Canada) formatting and ordering used across the portal.</summary>
public static class FrenchText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-CA");

    /// <summary>Sorts « Île », « Estrie », « Éthique » the way a French reader expects.</summary>
    public static readonly StringComparer Comparer = StringComparer.Create(Culture, CompareOptions.IgnoreCase);

    /// <summary>Québec's time: dates are stored in UTC and shown as members live them.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    public static DateTimeOffset Local(DateTimeOffset date) => TimeZoneInfo.ConvertTime(date, Zone);

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

    /// <summary>The day in Québec as ISO 8601, for <c>&lt;time datetime&gt;</c>.</summary>
    public static string IsoDate(DateTimeOffset date) => Local(date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
