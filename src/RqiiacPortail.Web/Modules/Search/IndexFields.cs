using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>How a <see cref="SearchDocument"/> is laid out in Lucene, in one place.</summary>
internal static class IndexFields
{
    public const string Key = "key", Type = "type", Id = "id", Section = "section", Title = "title", Text = "text",
        Excerpts = "extraits", PassageLabels = "sources-extraits", Url = "url", Date = "date", Visibility = "visibility", FacetPrefix = "f_";

    public static string KeyOf(string type, string id) => $"{type}:{id}";


    public static Document ToLucene(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(Key, KeyOf(d.Type, d.Id), Field.Store.YES),
            new StringField(Type, d.Type, Field.Store.YES),
            new StringField(Id, d.Id, Field.Store.YES),
            new StringField(Section, d.SectionId.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new TextField(Title, d.Title, Field.Store.YES),
            new TextField(Text, d.Text, Field.Store.NO),
            // Snippets are cut from a copy with personal information masked, whichever source the text comes from.
            new StoredField(Excerpts, Infrastructure.Text.PersonalInformation.Redact(d.Text)),
            new StoredField(PassageLabels, string.Join('\n', d.PassageLabels ?? [])),
            new StoredField(Url, d.Url),
            new Int64Field(Date, d.Date.ToUnixTimeSeconds(), Field.Store.YES),
            new NumericDocValuesField(Date, d.Date.ToUnixTimeSeconds()),
            new StringField(Visibility, d.Audience.Key, Field.Store.NO),
        };
        // The type and the section are facets too, counted like the module-given ones.
        AddFacet(doc, "type", d.Type);
        AddFacet(doc, "section", d.SectionId.ToString(CultureInfo.InvariantCulture));
        foreach (var (facet, values) in d.Facets)
            foreach (var value in values.Distinct()) AddFacet(doc, facet, value);
        return doc;
    }

    private static void AddFacet(Document doc, string facet, string value)
    {
        doc.Add(new StringField(FacetPrefix + facet, value, Field.Store.NO));
        doc.Add(new SortedSetDocValuesField(FacetPrefix + facet, new BytesRef(value)));
    }
}
