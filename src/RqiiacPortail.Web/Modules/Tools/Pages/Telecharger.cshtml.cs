using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Tools.Pages;

/// <summary>
/// Serves a file as an attachment under the type its content was recognised as, never rendered by the
/// browser in the site's origin; the same rules as the tool page decide who may download it.
/// </summary>
[SectionFeature(ToolsModule.Feature)]
public sealed class TelechargerModel(ToolService tools, ToolAccess access, IFileStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int fileId, CancellationToken ct)
    {
        var tool = await tools.FindAsync(id, ct);
        var file = tool?.Files.FirstOrDefault(f => f.Id == fileId);
        if (tool is null || file is null || !await access.CanViewAsync(User, tool))
            return User.Identity?.IsAuthenticated == true || tool is null || file is null ? NotFound() : Challenge();
        // A version held for review has not gone out: it does not exist for anyone but the tool's editors.
        if (file.HeldForReview && !await access.CanEditAsync(User, tool)) return NotFound();

        await tools.CountDownloadAsync(fileId, ct);
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        Response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        return File(await store.OpenReadAsync(file.StorageKey, ct), file.ContentType, file.FileName);
    }
}
