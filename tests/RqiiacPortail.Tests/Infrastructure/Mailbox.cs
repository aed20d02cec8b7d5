using MimeKit;

namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>
/// Reads what the real SMTP server received (aiosmtpd's Maildir). Tests use addresses of their own, so they
/// find their messages by recipient.
/// </summary>
public static class Mailbox
{
    public static async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool>? match = null, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            var found = All(to).FirstOrDefault(m => match?.Invoke(m) ?? true);
            if (found is not null) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No message for {to} reached the SMTP server within {timeoutSeconds} s.");
    }

    public static IReadOnlyList<MimeMessage> All(string to)
    {
        var folder = Path.Combine(TestServices.Maildir, "new");
        if (!Directory.Exists(folder)) return [];
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            // Cheap filter before parsing: the address appears in the raw headers.
            string text;
            try { text = File.ReadAllText(file); } catch (IOException) { continue; }
            if (!text.Contains(to, StringComparison.OrdinalIgnoreCase)) continue;
            var message = MimeMessage.Load(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))) messages.Add(message);
        }
        return messages.OrderBy(m => m.Date).ToList();
    }

    /// <summary>The first link of the plain-text part that contains <paramref name="fragment"/>.</summary>
    public static string Link(MimeMessage message, string fragment)
    {
        var text = message.TextBody ?? throw new InvalidOperationException("No text part.");
        var match = System.Text.RegularExpressions.Regex.Matches(text, @"https?://\S+")
            .Select(m => m.Value).FirstOrDefault(u => u.Contains(fragment, StringComparison.Ordinal));
        return match ?? throw new InvalidOperationException($"No link with {fragment} in: {text}");
    }
}
