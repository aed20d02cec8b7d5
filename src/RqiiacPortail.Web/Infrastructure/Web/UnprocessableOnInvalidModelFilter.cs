using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// A form posted with errors is shown again with its messages, answered 422 rather than 200, so that clients,
/// tests and monitoring can tell a refused submission from a successful one.
/// </summary>
internal sealed class UnprocessableOnInvalidModelFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method)
            && !executed.ModelState.IsValid
            && executed.Result is PageResult page
            && page.StatusCode is null)
        {
            page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
    }
}
