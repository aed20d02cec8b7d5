using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Bulletin;

/// <summary>
/// <c>/bulletin/atom.xml</c>: one entry per published issue, its articles' titles as the summary, written by
/// System.ServiceModel.Syndication's Atom 1.0 formatter (ids, dates and escaping as the RFC asks). Absolute links
/// come from the configured public address, never from the request.
/// </summary>
public static class BulletinFeed
{
    public const int Entries = 50;

    public static byte[] Write(IReadOnlyList<BulletinArchive.Entry> issues, PublicUrls urls)
    {
        var home = new Uri(urls.Absolute("/bulletin"));
        var feed = new SyndicationFeed("Inter Action Communautaire", "Le bulletin de liaison du RQIIAC", home)
        {
            Id = home.AbsoluteUri,
            Language = "fr-CA",
            LastUpdatedTime = issues.Count == 0 ? DateTimeOffset.UnixEpoch : issues.Max(i => i.UpdatedAt),
        };
        feed.Authors.Add(new SyndicationPerson { Name = "Conseil d'administration du RQIIAC" });
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(urls.Absolute("/bulletin/atom.xml")), "application/atom+xml"));
        feed.Items = issues.Select(i =>
        {
            var link = new Uri(urls.Absolute($"/bulletin/{i.Number}"));
            var issued = new DateTimeOffset(i.IssuedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            var summary = i.Articles.Count == 0 ? i.Title : "Au sommaire : " + string.Join(" ; ", i.Articles) + ".";
            return new SyndicationItem($"{BulletinArchive.Caption(i.Number, i.IssuedOn)} : {i.Title}", summary, link, link.AbsoluteUri, i.UpdatedAt)
            {
                PublishDate = issued,
            };
        }).ToList();
        // Written to bytes so that the declaration says UTF-8, as the response is.
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        return output.ToArray();
    }
}
