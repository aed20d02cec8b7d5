using Lucene.Net.Index;
using Lucene.Net.Search;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// Wraps the collectors of one search and stops it when its time budget is spent or the request is gone: the
/// check runs inside Lucene's loop over matching documents, so the work itself stops, not just the wait for it.
/// </summary>
internal sealed class SearchBudget(ICollector inner, TimeSpan budget, CancellationToken ct) : ICollector
{
    private readonly long _deadline = Environment.TickCount64 + (long)budget.TotalMilliseconds;
    private int _sinceCheck;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Check();
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (++_sinceCheck >= 1024) Check();
        inner.Collect(doc);
    }

    private void Check()
    {
        _sinceCheck = 0;
        ct.ThrowIfCancellationRequested();
        if (Environment.TickCount64 >= _deadline) throw new SearchBudgetExceededException();
    }
}

internal sealed class SearchBudgetExceededException() : Exception("The search ran past its time budget.");
