namespace RqiiacPortail.Web.Infrastructure.Text;

public static class TextLimits
{
    /// <summary>A text made from others (a title, a display name) shortened to its column, with an ellipsis.</summary>
    public static string Clamp(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
