using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>Reads pages and posts their forms the way a browser would, antiforgery token included.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}.\n{Excerpt(body)}");
        return Parser.ParseDocument(body);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, fills the form that posts to <paramref name="handler"/> (or the first form
    /// in main) with its own hidden fields and the given values, and posts it.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl, IDictionary<string, string> values, string? handler = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var forms = page.QuerySelectorAll<IHtmlFormElement>("main form");
        var form = handler is null
            ? forms.First()
            : forms.First(f => (f.GetAttribute("action") ?? "").Contains($"handler={handler}", StringComparison.OrdinalIgnoreCase));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
            if (!values.ContainsKey(input.Name!)) fields.Add(new(input.Name!, input.Value));
        fields.AddRange(values);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : new Uri(client.BaseAddress!, pageUrl).PathAndQuery;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> BodyAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    /// <summary>The response's page, for reading the messages next to the fields of a refused form.</summary>
    public static async Task<IHtmlDocument> DocumentAsync(this HttpResponseMessage response) => Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The text a reader sees in the page's main area, entities decoded and spaces folded.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response)
    {
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        var text = (page.QuerySelector("main") ?? page.Body ?? page.DocumentElement).TextContent;
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
    }

    public static string Excerpt(string body) => body.Length > 3000 ? body[..3000] : body;

    /// <summary>The French message shown next to a field (<c>asp-validation-for</c>).</summary>
    public static string FieldError(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";
}
