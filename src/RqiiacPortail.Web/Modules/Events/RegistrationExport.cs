using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;
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

    /// <summary>The CSV: one row per registration, one column per question, as French spreadsheets open it (<see cref="SpreadsheetCsv"/>).</summary>
    public static byte[] Csv(Event e, IReadOnlyList<RegistrationRow> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = SpreadsheetCsv.Create(stream))
        {
            var questions = e.Questions.OrderBy(q => q.Position).ToList();
            foreach (var header in new[] { "Nom", "Courriel", "Employeur", "Statut", "Place en attente", "Frais", "Ateliers", "Inscrit le", "Présent" }
                         .Concat(questions.Select(q => q.Label)))
                csv.WriteField(SpreadsheetCsv.Cell(header));
            csv.EndRecord();
            foreach (var row in rows)
            {
                var r = row.Registration;
                csv.WriteField(SpreadsheetCsv.Cell(r.Name));
                csv.WriteField(SpreadsheetCsv.Cell(r.Email));
                csv.WriteField(SpreadsheetCsv.Cell(r.Employer));
                csv.WriteField(StatusLabel(r));
                csv.WriteField(row.Place?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(SpreadsheetCsv.Cell(row.Fee));
                csv.WriteField(SpreadsheetCsv.Cell(string.Join(" ; ", row.Workshops.Select(w => w.Held ? w.Workshop.Title : $"{w.Workshop.Title} (en attente)"))));
                csv.WriteField(FrenchText.Local(r.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                csv.WriteField(r.PresentAt is null ? "" : "oui");
                foreach (var q in questions) csv.WriteField(SpreadsheetCsv.Cell(r.Answers.FirstOrDefault(a => a.QuestionId == q.Id)?.Value));
                csv.EndRecord();
            }
        }
        return stream.ToArray();
    }
}
