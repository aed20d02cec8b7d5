using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// A request naming a handler the page does not have (<c>?handler=Inconnu</c>, or a form of an older version) gets
/// a 404. Razor Pages would otherwise render the page with no handler run, its model never loaded: a 500.
/// Pages without any handler for the method (plain views) render as usual.
/// </summary>
internal sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Any(h =>
                string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)
                || HttpMethods.IsHead(method) && string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
