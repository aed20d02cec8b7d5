using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// iCalendar (RFC 5545) with Ical.Net: one event as a confirmation's attachment, a section's public events as a
/// feed, a member's own registrations as their private feed. Times go out in UTC, which every calendar reads
/// right; each event keeps one UID for life, so a calendar updates it rather than adding a second.
/// </summary>
public sealed class EventCalendar(Infrastructure.Web.PublicUrls urls, MarkdownRenderer markdown)
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <param name="Url">The event's page, absolute.</param>
    /// <param name="OnlineLink">Shown to registrants only: null in a public feed.</param>
    public sealed record Entry(Event Event, string Url, string? OnlineLink, bool Cancelled);

    public string Feed(string name, IEnumerable<Entry> entries, string method = "PUBLISH")
    {
        var calendar = new Calendar { ProductId = "-//RQIIAC//Portail RQIIAC//FR", Method = method };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", "America/Toronto");
        foreach (var entry in entries) calendar.Events.Add(ToCalendarEvent(entry));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public string Uid(int eventId) => $"evenement-{eventId}@{new Uri(urls.Absolute("/")).Host}";

    private CalendarEvent ToCalendarEvent(Entry entry)
    {
        var e = entry.Event;
        var description = string.Join("\n\n", new[] { TextLimits.Clamp(markdown.ToPlainText(e.Description), 2000), entry.OnlineLink is { } link ? $"En ligne : {link}" : null, entry.Url }
            .Where(p => !string.IsNullOrWhiteSpace(p)));
        return new CalendarEvent
        {
            Uid = Uid(e.Id),
            Summary = entry.Cancelled ? $"ANNULÉ : {e.Title}" : e.Title,
            Description = description,
            Location = e.Place ?? (entry.OnlineLink is not null ? "En ligne" : null),
            DtStart = new CalDateTime(e.StartsAt.UtcDateTime),
            DtEnd = new CalDateTime(e.EndsAt.UtcDateTime),
            DtStamp = new CalDateTime(e.UpdatedAt.UtcDateTime),
            LastModified = new CalDateTime(e.UpdatedAt.UtcDateTime),
            Url = new Uri(entry.Url),
            Status = entry.Cancelled ? "CANCELLED" : "CONFIRMED",
            Sequence = (int)Math.Min(int.MaxValue, (e.UpdatedAt - e.CreatedAt).Ticks / TimeSpan.TicksPerSecond),
        };
    }
}
