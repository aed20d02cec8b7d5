using CsvHelper;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>
/// CSV as French spreadsheets open it: separated by « ; » (Excel in French (Canada) uses the semicolon as its list
/// separator), in UTF-8 with its mark (so accents survive), every field quoted, and nothing a spreadsheet would run as
/// a formula.
/// </summary>
public static class SpreadsheetCsv
{
    public const char Separator = ';';

    public static CsvWriter Create(Stream output) =>
        CsvWriter.Create(output, new CsvWriterOptions { Separator = Separator, Injection = CsvInjection.Escape, Quoting = CsvQuoting.Always, WriteByteOrderMark = true }, true);

    /// <summary>
    /// A text cell with every formula start after a separator (« , », « ; », a tab, a line break) turned into text by
    /// an apostrophe, as spreadsheets read it; the field's own start is CsvHelper's (<see cref="CsvInjection.Escape"/>):
    /// a spreadsheet that splits on « ; » would otherwise see « x;=1+1 » as two cells, the second a formula.
    /// </summary>
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var cell = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            cell.Append(text[i]);
            if (text[i] is not (',' or ';' or '\t' or '\n' or '\r')) continue;
            var next = i + 1;
            while (next < text.Length && text[next] == ' ') next++;
            if (next >= text.Length || text[next] is not ('=' or '+' or '-' or '@')) continue;
            cell.Append(text, i + 1, next - i - 1).Append('\'');
            i = next - 1;
        }
        return cell.ToString();
    }
}
