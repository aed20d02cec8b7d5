using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>The filters of the organizer's list of registrations.</summary>
public sealed record RegistrationFilter(RegistrationStatus? Status = null, int? WorkshopId = null, string? Text = null);

/// <summary>A registration as organizers read it: who, where it stands, the fee, the workshops, the answers.</summary>
public sealed record RegistrationRow(Registration Registration, int? Place, string? Fee, IReadOnlyList<(Workshop Workshop, bool Held)> Workshops);

/// <summary>The organizers' view of an event's registrations, and its CSV export (one column per question).</summary>
public sealed class RegistrationList(PortalDbContext db)
{
    public const int MaxFilterText = 100;

    public async Task<IReadOnlyList<RegistrationRow>> RowsAsync(Event e, RegistrationFilter filter, CancellationToken ct)
    {
        var query = db.Set<Registration>().AsNoTracking().Include(r => r.Workshops).Include(r => r.Answers).Where(r => r.EventId == e.Id);
        if (filter.Status is { } status) query = query.Where(r => r.Status == status);
        if (filter.WorkshopId is { } workshop) query = query.Where(r => r.Workshops.Any(w => w.WorkshopId == workshop));
        var registrations = await query.OrderBy(r => r.Status == RegistrationStatus.Waitlisted).ThenBy(r => r.Arrival).AsSplitQuery().ToListAsync(ct);
        // Matched here rather than in SQL: « belanger » finds « Bélanger » on both providers, and one event's list is small.
        if (filter.Text?.Trim() is { Length: > 0 } text)
            registrations = registrations.Where(r => Matches(r.Name, text) || Matches(r.Email, text) || Matches(r.Employer, text)).ToList();
        var waiting = registrations.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.Arrival).ToList();
        // A waiting place counts everyone waiting, filtered or not.
        var allWaiting = filter == new RegistrationFilter() ? waiting
            : await db.Set<Registration>().Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Arrival).Select(r => r.Arrival).ToListAsync(ct);
        var fees = e.Fees.ToDictionary(f => f.Id, f => f.Label);
        var workshops = e.Workshops.ToDictionary(w => w.Id);
        return registrations.Select(r => new RegistrationRow(r,
            r.Status == RegistrationStatus.Waitlisted ? allWaiting.BinarySearch(r.Arrival) + 1 : null,
            r.FeeId is { } f ? fees.GetValueOrDefault(f) : null,
            r.Workshops.Where(w => workshops.ContainsKey(w.WorkshopId)).Select(w => (workshops[w.WorkshopId], w.Held)).OrderBy(w => w.Item1.StartsAt).ToList())).ToList();
    }

    private static bool Matches(string? field, string text) =>
        field is not null && FrenchText.Culture.CompareInfo.IndexOf(field, text, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    public static string StatusLabel(Registration r) => r.Status switch
    {
        RegistrationStatus.Confirmed => r.EmailConfirmed ? "Confirmée" : "Adresse à confirmer",
        RegistrationStatus.Waitlisted => "Liste d'attente",
        RegistrationStatus.Offered => "Place offerte",
        RegistrationStatus.Cancelled => "Annulée",
        _ => "Expirée",
    };

    /// <summary>
    /// The CSV: one row per registration, one column per question, separated by « ; » and in UTF-8 with its mark, so
    /// that Excel in French (Canada), whose list separator is the semicolon, opens it in columns with its accents.
    /// </summary>
    public const char Separator = ';';

    public static byte[] Csv(Event e, IReadOnlyList<RegistrationRow> rows)
    {
        using var stream = new MemoryStream();
        // A name or an answer starting with = + - @ would run as a formula in a spreadsheet: written as text. Every
        // field quoted, and a formula after a separator inside a field neutralised too (Cell): a spreadsheet that
        // splits on « ; » (French Excel does) would otherwise see « x;=1+1 » as two cells, the second a formula.
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { Separator = Separator, Injection = CsvInjection.Escape, Quoting = CsvQuoting.Always, WriteByteOrderMark = true }, true))
        {
            var questions = e.Questions.OrderBy(q => q.Position).ToList();
            foreach (var header in new[] { "Nom", "Courriel", "Employeur", "Statut", "Place en attente", "Frais", "Ateliers", "Inscrit le", "Présent" }
                         .Concat(questions.Select(q => q.Label)))
                csv.WriteField(Cell(header));
            csv.EndRecord();
            foreach (var row in rows)
            {
                var r = row.Registration;
                csv.WriteField(Cell(r.Name));
                csv.WriteField(Cell(r.Email));
                csv.WriteField(Cell(r.Employer));
                csv.WriteField(StatusLabel(r));
                csv.WriteField(row.Place?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(Cell(row.Fee));
                csv.WriteField(Cell(string.Join(" ; ", row.Workshops.Select(w => w.Held ? w.Workshop.Title : $"{w.Workshop.Title} (en attente)"))));
                csv.WriteField(FrenchText.Local(r.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                csv.WriteField(r.PresentAt is null ? "" : "oui");
                foreach (var q in questions) csv.WriteField(Cell(r.Answers.FirstOrDefault(a => a.QuestionId == q.Id)?.Value));
                csv.EndRecord();
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A text cell with every formula start after a separator (« , », « ; », a tab, a line break) turned into text by
    /// an apostrophe, as spreadsheets read it; the field's own start is CsvHelper's (<see cref="CsvInjection.Escape"/>).
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
