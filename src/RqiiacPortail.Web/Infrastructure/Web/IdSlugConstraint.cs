using System.Globalization;
using System.Text.RegularExpressions;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// Route constraint <c>{key:idslug}</c>: « 12 » or « 12-grille-d-analyse » (DESIGN: an id may be followed by
/// -slug for readability, and the id alone keeps working). Routing's own complex segments match right to left
/// and cannot split this, hence a constraint and <see cref="Id"/>.
/// </summary>
public sealed partial class IdSlugConstraint : IRouteConstraint
{
    public const string Name = "idslug";

    [GeneratedRegex(@"^(\d{1,9})(-[a-z0-9-]*)?$")]
    private static partial Regex Pattern();

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && Convert.ToString(value, CultureInfo.InvariantCulture) is { } text && Pattern().IsMatch(text);

    /// <summary>The id in « 12-grille-d-analyse ».</summary>
    public static int Id(string key) => int.Parse(Pattern().Match(key).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>« 12-grille-d-analyse » for an id and a title.</summary>
    public static string Key(int id, string title) =>
        Text.Slug.From(title) is { Length: > 0 } slug ? $"{id.ToString(CultureInfo.InvariantCulture)}-{(slug.Length > 60 ? slug[..60].TrimEnd('-') : slug)}" : id.ToString(CultureInfo.InvariantCulture);
}
