using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>A page of a module the current section switched off answers 404, as if it did not exist there.</summary>
public sealed class SectionFeatureFilter(ISectionContext section) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var feature = context.HandlerInstance.GetType().GetCustomAttributes(typeof(SectionFeatureAttribute), inherit: true)
            .OfType<SectionFeatureAttribute>().FirstOrDefault();
        if (feature is not null && !section.Current.Enables(feature.Key))
        {
            context.Result = new NotFoundResult();
            return Task.CompletedTask;
        }
        return next();
    }
}
