using System.Globalization;
using System.Text.RegularExpressions;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>The rules a section's settings obey, shared by recipes and the admin forms. Messages are French.</summary>
public static partial class SectionRules
{
    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[0-9]{2,8}$")]
    private static partial Regex Code();

    public static string? CheckSlug(string slug, ReservedSlugs reserved) =>
        !Slug.IsValid(slug) ? "L'identifiant d'adresse ne peut contenir que des lettres minuscules sans accents, des chiffres et des traits d'union."
        : reserved.Contains(slug) ? $"« {slug} » est une adresse réservée par le portail."
        : null;

    public static string? CheckCode(string code) =>
        Code().IsMatch(code) ? null : "Le code de région est formé de 2 à 8 chiffres (ex. 14).";

    public static string? CheckHostName(string host) =>
        HostName().IsMatch(host) ? null : $"« {host} » n'est pas un nom d'hôte valide.";

    /// <summary>
    /// The accent colour is used behind white text (buttons, the header band): refuse colours that would make
    /// that text unreadable (WCAG 2.1 AA asks 4.5:1).
    /// </summary>
    public static string? CheckAccentColour(string colour)
    {
        if (!HexColour().IsMatch(colour)) return "La couleur s'écrit #RRGGBB (ex. #005a70).";
        var ratio = ContrastWithWhite(colour);
        return ratio < 4.5
            ? $"Cette couleur est trop pâle pour du texte blanc (contraste {ratio.ToString("0.0", FrenchText.Culture)}:1, il faut au moins 4,5:1)."
            : null;
    }

    public static double ContrastWithWhite(string colour)
    {
        double Channel(int start)
        {
            var c = int.Parse(colour.AsSpan(start, 2), NumberStyles.HexNumber) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var luminance = 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
        return 1.05 / (luminance + 0.05);
    }
}
