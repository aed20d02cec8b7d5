namespace RqiiacPortail.Theme.TagHelpers;

/// <summary>
/// Eight colours (classes avatar--c0 … c7 and swatch--c0 … c7 in site.css), each dark enough for white text. A
/// name or a key always gets the same one, on every instance and after every restart (not string.GetHashCode,
/// which changes per process).
/// </summary>
public static class Palette
{
    public const int Size = 8;

    public static int Of(string key)
    {
        // FNV-1a over the characters: stable, cheap, well spread for short keys.
        var hash = 2166136261u;
        foreach (var c in key.Trim().ToLowerInvariant())
            hash = (hash ^ c) * 16777619u;
        return (int)(hash % Size);
    }
}
