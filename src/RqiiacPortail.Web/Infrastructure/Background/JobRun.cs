using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Infrastructure.Background;

/// <summary>
/// One periodic job's run in one period, taken by the instance that runs it: the key is the job and the period's
/// start, so instances waking in the same period run the job once between them (a keyed row, not a lock and a
/// hope). What the job does inside is still safe to run twice (each item has its own conditional claim): the row
/// spares the others the work, and keeps sweeps and pruning from racing each other.
/// </summary>
public sealed class JobRun
{
    public required string Job { get; set; }
    public DateTimeOffset Period { get; set; }

    /// <summary>The instance that took it (for the operator reading the table).</summary>
    public required string Owner { get; set; }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");
        b.HasKey(r => new { r.Job, r.Period });
        b.Property(r => r.Job).HasMaxLength(100);
        b.Property(r => r.Owner).HasMaxLength(Instance.NameLength);
    }
}
