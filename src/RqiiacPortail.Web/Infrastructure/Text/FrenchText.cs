using System.Globalization;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>French (Canada) formatting and ordering used across the portal.</summary>
public static class FrenchText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-CA");

    /// <summary>Sorts « Île », « Estrie », « Éthique » the way a French reader expects.</summary>
    public static readonly StringComparer Comparer = StringComparer.Create(Culture, CompareOptions.IgnoreCase);

    /// <summary>« 23 novembre 2026 ».</summary>
    public static string Date(DateTimeOffset date) => date.ToString("d MMMM yyyy", Culture);

    public static string DateTime(DateTimeOffset date) => date.ToString("d MMMM yyyy 'à' HH 'h' mm", Culture);
}
