using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

public sealed class ConfirmerModel(MembershipService membership) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "utilisateur")] string? userId, [FromQuery] string? code, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || userId.Length > 100 || code.Length > 2000)
            return Page().WithStatus(StatusCodes.Status400BadRequest);
        Confirmed = await membership.ConfirmEmailAsync(userId, code, id => Request.AbsoluteUrl($"/admin/demandes/{id}"), ct);
        return Confirmed ? Page() : Page().WithStatus(StatusCodes.Status400BadRequest);
    }
}
