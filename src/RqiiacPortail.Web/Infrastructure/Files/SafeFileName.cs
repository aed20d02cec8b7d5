using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Infrastructure.Files;

public static class SafeFileName
{
    /// <summary>
    /// The name shown and offered on download: no path, no control or invisible characters, the extension of what it
    /// really is (a right-to-left override makes « gpj.exe » read « exe.jpg »).
    /// </summary>
    public static string Of(string fileName, FileKind kind)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName.Replace('\\', '/')));
        name = new string(name.Where(c => !SingleLineAttribute.IsHidden(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        if (name.Length == 0) name = "fichier";
        if (name.Length > 120) name = name[..120];
        return name + kind.Extension;
    }
}
