namespace RqiiacPortail.Web.Modules.Tools;

internal static class ToolLinks
{
    /// <summary>Reads « adresse » or « Titre | adresse » lines; only http and https addresses are taken.</summary>
    public static IReadOnlyList<ToolLink> Parse(string? text, out string? error)
    {
        error = null;
        var links = new List<ToolLink>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bar = line.LastIndexOf('|');
            var (title, address) = bar > 0 ? (line[..bar].Trim(), line[(bar + 1)..].Trim()) : ("", line);
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || address.Length > 500)
            {
                error = $"« {(address.Length > 60 ? address[..60] + "…" : address)} » n'est pas une adresse Web valide (http:// ou https://).";
                return [];
            }
            links.Add(new ToolLink { Url = uri.ToString(), Title = title.Length is > 0 and <= 200 ? title : uri.Host });
        }
        return links;
    }
}
