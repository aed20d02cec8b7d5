using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// An append-only log of "this item changed". Each instance keeps its own index and its own cursor into this
/// log (in the index's commit data), so every instance applies the same changes in the same order.
/// </summary>
public sealed class IndexTask
{
    public long Id { get; set; }
    public required string Type { get; set; }
    public required string DocumentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The task log's one row of state, shared by every instance. An index whose cursor is below
/// <see cref="PrunedThrough"/> missed tasks it can no longer read; an index made before the latest
/// <see cref="RebuildRequested"/> was asked to start over. Either way it rebuilds from the database.
/// </summary>
public sealed class IndexLogState
{
    public int Id { get; set; } = 1;
    public long PrunedThrough { get; set; }

    /// <summary>Raised by one each time an administrator asks for a rebuild of every instance's index.</summary>
    public long RebuildRequested { get; set; }

    public DateTimeOffset? RebuildRequestedAt { get; set; }
}

internal sealed class IndexLogStateConfiguration : IEntityTypeConfiguration<IndexLogState>
{
    public void Configure(EntityTypeBuilder<IndexLogState> b)
    {
        b.ToTable("IndexLogState");
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class IndexTaskConfiguration : IEntityTypeConfiguration<IndexTask>
{
    public void Configure(EntityTypeBuilder<IndexTask> b)
    {
        b.ToTable("IndexTasks");
        b.Property(t => t.Type).HasMaxLength(40);
        b.Property(t => t.DocumentId).HasMaxLength(100);
        b.HasIndex(t => t.CreatedAt);
    }
}

internal sealed class IndexQueue(PortalDbContext db, TimeProvider clock, IndexSignal signal, AfterCommit afterCommit) : IIndexQueue
{
    public void Enqueue(string type, string id)
    {
        db.Add(new IndexTask { Type = type, DocumentId = id, CreatedAt = clock.GetUtcNow() });
        afterCommit.Run(db, signal.Wake);
    }
}

/// <summary>Wakes the indexer when this instance committed a change.</summary>
public sealed class IndexSignal : Infrastructure.Background.WakeSignal;
