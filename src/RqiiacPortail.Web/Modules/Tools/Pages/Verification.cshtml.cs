using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Tools.Pages;

/// <summary>The author sees what was found, where, and confirms before the tool goes out (or withdraws it).</summary>
[Authorize]
[SectionFeature(ToolsModule.Feature)]
public sealed class VerificationModel(ToolService tools, ToolAccess access) : PageModel
{
    public Tool? Tool { get; private set; }
    public IReadOnlyList<PersonalInfoFinding> Findings { get; private set; } = [];

    [BindProperty] public bool Confirmed { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostPublierAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Tool!.Status != ToolStatus.Draft) return LocalRedirect($"{Request.PathBase}/outils/{id}");
        if (Findings.Count > 0 && !Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Cochez la confirmation, ou retirez le brouillon pour corriger l'outil.");
            return Page();
        }
        await tools.PublishAsync(Tool, ct);
        return LocalRedirect($"{Request.PathBase}/outils/{id}");
    }

    public int KeepUnpublishedDays => tools.KeepUnpublishedDays;

    public async Task<IActionResult> OnPostRetirerAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        await tools.WithdrawAsync(Tool!, ct);
        return LocalRedirect($"{Request.PathBase}/outils");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        Tool = await tools.FindAsync(id, ct);
        if (Tool is null || Tool.Status == ToolStatus.Withdrawn) return NotFound();
        if (!await access.CanEditAsync(User, Tool)) return Forbid();
        Findings = ToolService.Findings(Tool);
        return null;
    }
}
