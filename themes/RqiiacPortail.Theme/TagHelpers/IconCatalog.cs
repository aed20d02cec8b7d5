using System.Collections.Frozen;
using System.Net;
using System.Text;
using System.Text.Json;

namespace RqiiacPortail.Theme.TagHelpers;

/// <summary>
/// The Lucide icon set (ISC licence), brought by npm at build time as one file of icon outlines
/// (lucide-static's icon-nodes.json, copied beside the host as lucide-icons.json). Icons are drawn inline, so a
/// page costs no extra request, the icon takes the text's colour, and the Content-Security-Policy needs nothing.
/// </summary>
public static class IconCatalog
{
    public const string FileName = "lucide-icons.json";

    private static readonly Lazy<FrozenDictionary<string, string>> Icons = new(Load);

    /// <summary>The inner markup of an icon (its paths); throws for a name the set does not have, a developer's slip.</summary>
    public static string Inner(string name) => Icons.Value.TryGetValue(name, out var inner)
        ? inner
        : throw new InvalidOperationException($"The icon set has no « {name} » (see lucide.dev/icons).");

    public static bool Has(string name) => Icons.Value.ContainsKey(name);

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, FileName));
        using var document = JsonDocument.Parse(stream);
        var icons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var icon in document.RootElement.EnumerateObject())
        {
            // Each icon is a list of [element, { attribute: value }] pairs.
            var inner = new StringBuilder();
            foreach (var node in icon.Value.EnumerateArray())
            {
                inner.Append('<').Append(node[0].GetString());
                foreach (var attribute in node[1].EnumerateObject())
                    inner.Append(' ').Append(attribute.Name).Append("=\"").Append(WebUtility.HtmlEncode(attribute.Value.ToString())).Append('"');
                inner.Append("/>");
            }
            icons[icon.Name] = inner.ToString();
        }
        return icons.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
