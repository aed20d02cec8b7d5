using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>Per request (or job scope): set by <see cref="SectionResolutionMiddleware"/>, read by pages and the DbContext.</summary>
public sealed class SectionContext : ISectionContext, ICurrentSectionId
{
    private SectionInfo? _current;

    public SectionInfo Current
    {
        get => _current ?? throw new InvalidOperationException("No section resolved for this scope.");
        set => _current = value;
    }

    public bool IsResolved => _current is not null;

    // Outside a request (background jobs) no section is current: their queries must say AcrossSections().
    int? ICurrentSectionId.Value => _current?.Id;
}
