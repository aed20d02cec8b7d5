using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Infrastructure;
using RqiiacPortail.Web.Modules.Search.Contracts;
using Directory = System.IO.Directory;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// This instance's Lucene index: one writer, a near-real-time searcher, and the cursor into the task log
/// stored in the index's own commit data (so index and cursor can never disagree).
/// </summary>
public sealed class SearchIndex(IOptions<PortalOptions> portal, IOptions<SearchOptions> options, ILogger<SearchIndex> logger) : IDisposable
{
    private const string CursorKey = "cursor", FormatKey = "format";
    private readonly object _gate = new();
    private FSDirectory? _directory;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private int _opened;

    public string Path => options.Value.IndexPath is { Length: > 0 } own ? System.IO.Path.GetFullPath(own) : System.IO.Path.Combine(portal.Value.DataPath, "index");

    /// <summary>True when the index had to be created afresh (missing or unreadable) and must be rebuilt.</summary>
    public bool NeedsRebuild { get; private set; }

    public long Cursor { get; private set; }

    /// <summary>What the index was made for: the sources' versions and the latest rebuild asked (see <see cref="SearchIndexer"/>).</summary>
    public string? Format { get; private set; }

    /// <summary>
    /// What the searches of this instance read right now (this process, how many times the index was opened, the
    /// reader's version): a page of results kept under it is never served once the index has moved, here or elsewhere.
    /// Null while the index is not open.
    /// </summary>
    public string? Version
    {
        get
        {
            try { return $"{_instance}.{Volatile.Read(ref _opened)}.{Search(s => ((DirectoryReader)s.IndexReader).Version)}"; }
            catch (InvalidOperationException) { return null; }
        }
    }

    public void Open()
    {
        lock (_gate)
        {
            if (_writer is not null) return;
            try
            {
                Directory.CreateDirectory(Path);
                bool exists;
                using (var probe = FSDirectory.Open(Path)) exists = DirectoryReader.IndexExists(probe);
                OpenWriter(create: !exists);
                NeedsRebuild = Cursor == 0 && _writer!.NumDocs == 0;
            }
            catch (LockObtainFailedException e)
            {
                // Another process holds this index: never "repair" it by deleting what that process is using.
                throw new InvalidOperationException(
                    $"L'index de recherche {Path} est utilisé par une autre instance. Donnez à chaque instance son propre Search:IndexPath.", e);
            }
            catch (Exception e) when (e is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or IOException or EndOfStreamException)
            {
                // A damaged index is only a cache of the database: throw it away and rebuild.
                logger.LogWarning(e, "Index de recherche illisible dans {Path} : il sera reconstruit.", Path);
                Close();
                if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
                OpenWriter(create: true);
                NeedsRebuild = true;
            }
        }
    }

    /// <summary>
    /// Whether the index is still on disk. A folder deleted under a running instance leaves it answering from
    /// files it still holds open, but the next commit would write an index that points at nothing.
    /// </summary>
    public bool IsOnDisk
    {
        get
        {
            lock (_gate)
            {
                if (_directory is null || !Directory.Exists(Path)) return false;
                // A commit replacing segments_N under our feet is not a lost index: only a missing one is.
                try { return DirectoryReader.IndexExists(_directory); }
                catch (IOException) { return true; }
            }
        }
    }

    /// <summary>Starts an empty index in place of a lost one; the indexer then rebuilds it from the database.</summary>
    public void Recreate()
    {
        lock (_gate)
        {
            Close(commit: false);
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
            OpenWriter(create: true);
            NeedsRebuild = true;
        }
    }

    private void OpenWriter(bool create)
    {
        Interlocked.Increment(ref _opened);
        Directory.CreateDirectory(Path);
        _directory = FSDirectory.Open(Path);
        var config = new IndexWriterConfig(PortalFrenchAnalyzer.Version, new PortalFrenchAnalyzer())
        {
            OpenMode = create ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = 64,
        };
        _writer = new IndexWriter(_directory, config);
        if (create) _writer.Commit();
        Cursor = _writer.CommitData.TryGetValue(CursorKey, out var c) && long.TryParse(c, out var v) ? v : 0;
        Format = _writer.CommitData.TryGetValue(FormatKey, out var f) ? f : null;
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, null);
    }

    public void Upsert(SearchDocument document) =>
        Writer.UpdateDocument(new Term(IndexFields.Key, IndexFields.KeyOf(document.Type, document.Id)), IndexFields.ToLucene(document));

    public void Delete(string type, string id) => Writer.DeleteDocuments(new Term(IndexFields.Key, IndexFields.KeyOf(type, id)));

    public void DeleteAll() => Writer.DeleteAll();

    /// <summary>
    /// Makes what was written durable together with the new cursor (and, after a rebuild, the new format), and
    /// visible to searches.
    /// </summary>
    public void Commit(long cursor, string? format = null)
    {
        format ??= Format;
        var data = new Dictionary<string, string> { [CursorKey] = cursor.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (format is not null) data[FormatKey] = format;
        Writer.SetCommitData(data);
        Writer.Commit();
        Cursor = cursor;
        Format = format;
        NeedsRebuild = false;
        _searchers!.MaybeRefreshBlocking();
    }

    /// <summary>Runs a search on the latest searcher, released afterwards.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        for (var attempt = 0; ; attempt++)
        {
            SearcherManager manager;
            // Recreate() swaps the manager under the lock: a search never sees it half done.
            lock (_gate) manager = _searchers ?? throw new InvalidOperationException("The search index is not open.");
            IndexSearcher searcher;
            // ...but may close this one between reading it and acquiring: then take the new one.
            try { searcher = manager.Acquire(); }
            catch (ObjectDisposedException) when (attempt < 3) { continue; }
            try { return search(searcher); }
            finally { manager.Release(searcher); }
        }
    }

    private IndexWriter Writer => _writer ?? throw new InvalidOperationException("The search index is not open.");

    private void Close(bool commit = true)
    {
        _searchers?.Dispose();
        if (_writer is not null)
        {
            // Closing commits what is pending; when the folder is gone (or commit is not wanted) nothing can be
            // kept: roll back, the index is rebuilt from the database anyway.
            try
            {
                if (commit) _writer.Dispose();
                else _writer.Rollback();
            }
            catch (IOException)
            {
                try { _writer.Rollback(); }
                catch (Exception e) when (e is IOException or ObjectDisposedException) { }
            }
        }
        _directory?.Dispose();
        (_searchers, _writer, _directory) = (null, null, null);
    }

    public void Dispose()
    {
        lock (_gate) Close();
    }
}
