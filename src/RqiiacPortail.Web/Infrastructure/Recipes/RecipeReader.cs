using System.Text.Json;

namespace RqiiacPortail.Web.Infrastructure.Recipes;

/// <summary>
/// Reads one object of a recipe and knows where it stands (<c>sections[3].slug</c>), so that every error
/// can name the step and the field.
/// </summary>
public sealed class RecipeReader(JsonElement element, string stepLabel, string path)
{
    public JsonElement Element => element;

    public string Path => path;

    public RecipeException Fail(string field, string message) =>
        new($"{stepLabel}, champ « {Join(field)} » : {message}");

    public bool Has(string field) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

    public string String(string field, int maxLength = 200)
    {
        var value = OptionalString(field, maxLength);
        return string.IsNullOrWhiteSpace(value) ? throw Fail(field, "valeur requise.") : value;
    }

    /// <summary>Markdown text, refused like a form refuses it when the renderer could not take it.</summary>
    public string? OptionalMarkdown(string field, int maxLength)
    {
        var value = OptionalString(field, maxLength);
        return Text.MarkdownRenderer.Check(value) is { } problem ? throw Fail(field, problem) : value;
    }

    public string? OptionalString(string field, int maxLength = 4000)
    {
        if (!Has(field)) return null;
        var v = element.GetProperty(field);
        if (v.ValueKind != JsonValueKind.String) throw Fail(field, "une chaîne de caractères est attendue.");
        var s = v.GetString()!.Trim();
        return s.Length > maxLength ? throw Fail(field, $"{maxLength} caractères au plus.") : s;
    }

    public double Number(string field, double defaultValue, double min, double max)
    {
        if (!Has(field)) return defaultValue;
        var v = element.GetProperty(field);
        return v.ValueKind == JsonValueKind.Number && v.GetDouble() is var n && n >= min && n <= max
            ? n : throw Fail(field, $"un nombre de {min} à {max} est attendu.");
    }

    public bool Bool(string field, bool defaultValue)
    {
        if (!Has(field)) return defaultValue;
        var v = element.GetProperty(field);
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(field, "true ou false est attendu."),
        };
    }

    public IReadOnlyList<string> Strings(string field, int maxLength = 200) =>
        Array(field, required: false).Select((item, i) =>
            item.Element.ValueKind == JsonValueKind.String && item.Element.GetString()!.Trim() is { Length: > 0 } s && s.Length <= maxLength
                ? s
                : throw Fail($"{field}[{i}]", $"une chaîne non vide de {maxLength} caractères au plus est attendue."))
        .ToList();

    public RecipeReader Object(string field)
    {
        if (!Has(field)) throw Fail(field, "un objet est requis.");
        var v = element.GetProperty(field);
        return v.ValueKind == JsonValueKind.Object ? new RecipeReader(v, stepLabel, Join(field)) : throw Fail(field, "un objet est attendu.");
    }

    public IEnumerable<RecipeReader> Array(string field, bool required = true)
    {
        if (!Has(field))
        {
            if (required) throw Fail(field, "une liste est requise.");
            return [];
        }
        var v = element.GetProperty(field);
        if (v.ValueKind != JsonValueKind.Array) throw Fail(field, "une liste est attendue.");
        return v.EnumerateArray().Select((item, i) => new RecipeReader(item, stepLabel, $"{Join(field)}[{i}]")).ToList();
    }

    private string Join(string field) => path.Length == 0 ? field : $"{path}.{field}";
}
