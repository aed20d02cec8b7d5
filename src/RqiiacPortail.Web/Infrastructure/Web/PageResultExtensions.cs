using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Infrastructure.Web;

public static class PageResultExtensions
{
    /// <summary>Shows the page with its French explanation, under the status that tells what happened (400, 409…).</summary>
    public static PageResult WithStatus(this PageResult page, int statusCode)
    {
        page.StatusCode = statusCode;
        return page;
    }
}
