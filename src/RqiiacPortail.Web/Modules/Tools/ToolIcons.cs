using RqiiacPortail.Web.Infrastructure.Files;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>The icon that says what a tool holds, at a glance in a list: its first file's kind, or a link.</summary>
public static class ToolIcons
{
    public static string For(Tool tool) => tool.PublishedFiles.FirstOrDefault() is { } file ? ForKind(file.Kind)
        : tool.Links.Count > 0 ? "link" : "file";

    public static string ForKind(string kind) => kind switch
    {
        _ when kind == FileInspector.Xlsx.Key => "file-spreadsheet",
        _ when kind == FileInspector.Pptx.Key => "presentation",
        _ when kind == FileInspector.Png.Key || kind == FileInspector.Jpeg.Key => "file-image",
        _ => "file-text",
    };
}
