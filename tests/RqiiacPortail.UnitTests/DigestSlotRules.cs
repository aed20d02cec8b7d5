using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Notifications;

namespace RqiiacPortail.UnitTests;

/// <summary>A digest's hour is Québec's hour on that very day, daylight saving included.</summary>
public sealed class DigestSlotRules
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    // Winter (UTC−5): 7 h in Montréal is 12 h UTC.
    [InlineData("2027-01-15T12:30:00Z", 7, "2027-01-15T12:00:00Z")]
    [InlineData("2027-01-15T11:59:00Z", 7, "2027-01-14T12:00:00Z")]
    // Summer (UTC−4): 7 h is 11 h UTC.
    [InlineData("2027-07-15T11:00:00Z", 7, "2027-07-15T11:00:00Z")]
    // The morning after the spring change (14 March 2027): 7 h is already 11 h UTC.
    [InlineData("2027-03-14T11:05:00Z", 7, "2027-03-14T11:00:00Z")]
    // The morning after the fall change (7 November 2027): 7 h is 12 h UTC again.
    [InlineData("2027-11-07T11:30:00Z", 7, "2027-11-06T11:00:00Z")]
    [InlineData("2027-11-07T12:00:00Z", 7, "2027-11-07T12:00:00Z")]
    // 2 h does not exist on the spring night: the slot falls to 3 h (7 h UTC).
    [InlineData("2027-03-14T08:00:00Z", 2, "2027-03-14T07:00:00Z")]
    public void TheLatestSlot_IsTheLocalHourOfThatDay(string now, int hour, string expected)
    {
        var slot = DigestSlots.Latest(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), hour, FrenchText.Zone);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), slot);
    }

    [Fact]
    public void ASlot_IsNeverAfterNow()
    {
        for (var minutes = 0; minutes < 60 * 24 * 3; minutes += 37)
        {
            var now = Utc(2027, 3, 13, 0).AddMinutes(minutes);
            for (var hour = 0; hour < 24; hour++) Assert.True(DigestSlots.Latest(now, hour, FrenchText.Zone) <= now);
        }
    }
}
