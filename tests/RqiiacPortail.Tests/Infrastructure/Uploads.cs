using System.Net.Http.Headers;
using AngleSharp.Html.Dom;

namespace RqiiacPortail.Tests.Infrastructure;

public static class Uploads
{
    /// <summary>Posts a multipart form the way a browser would: the page's antiforgery token, fields, files.</summary>
    public static async Task<HttpResponseMessage> SubmitMultipartAsync(this HttpClient client, string pageUrl,
        IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Field, string FileName, byte[] Content)> files, string? handler = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
            .First(f => handler is null ? f.Enctype == "multipart/form-data" : (f.GetAttribute("action") ?? "").Contains($"handler={handler}", StringComparison.OrdinalIgnoreCase));
        var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()) content.Add(new StringContent(input.Value), input.Name!);
        foreach (var (key, value) in fields) content.Add(new StringContent(value), key);
        foreach (var (field, name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, field, name);
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : new Uri(client.BaseAddress!, pageUrl).PathAndQuery;
        return await client.PostAsync(action, content);
    }
}
