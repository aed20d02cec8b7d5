using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using RqiiacPortail.Web.Modules.Search;

namespace RqiiacPortail.UnitTests;

/// <summary>Facet counts: exact up to a number of matches, then sampled and said to be approximate.</summary>
public sealed class FacetCountRules
{
    private static (Dictionary<string, int> Counts, bool Approximate) Count(int documents, int exactUpTo, int sampleEvery)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
            for (var i = 0; i < documents; i++)
                // Indexed in a rhythm, one of each kind in turn: a sample of one in k would see only one kind.
                writer.AddDocument(new Document { new SortedSetDocValuesField(IndexFields.FacetPrefix + "type", new BytesRef(i % 2 == 0 ? "outil" : "récit")) });
        using var reader = DirectoryReader.Open(directory);
        var facets = new FacetCollector(["type"], exactUpTo, sampleEvery);
        new IndexSearcher(reader).Search(new MatchAllDocsQuery(), facets);
        return (facets.Counts()["type"], facets.Approximate);
    }

    [Fact]
    public void UpToTheLimit_EveryMatchIsCounted()
    {
        var (counts, approximate) = Count(1_000, exactUpTo: 1_000, sampleEvery: 8);
        Assert.False(approximate);
        Assert.Equal(500, counts["outil"]);
        Assert.Equal(500, counts["récit"]);
    }

    [Fact]
    public void PastTheLimit_ASampleWeighsForTheRest_AndSaysSo()
    {
        var (counts, approximate) = Count(40_000, exactUpTo: 10_000, sampleEvery: 8);
        Assert.True(approximate);
        Assert.InRange(counts["outil"], 19_000, 21_000);
        Assert.InRange(counts["récit"], 19_000, 21_000);
    }
}
