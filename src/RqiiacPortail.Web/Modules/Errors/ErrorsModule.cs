using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Errors;

/// <summary>
/// The French error pages: the host re-executes every error status at <see cref="PagePattern"/> (under the section's
/// prefix, so a region's error page carries its name and look), and a page that refused may say why through
/// <see cref="Infrastructure.Web.ErrorExplanation"/>. The module takes its root segment, so no section can.
/// </summary>
public static class ErrorsModule
{
    public const string Segment = "erreur";

    /// <summary>Where error statuses are re-executed (<c>UseStatusCodePagesWithReExecute</c>).</summary>
    public const string PagePattern = "/" + Segment + "/{0}";

    /// <summary>Where an unhandled exception is answered (<c>UseExceptionHandler</c>).</summary>
    public const string ServerErrorPath = "/" + Segment + "/500";

    public static IHostApplicationBuilder AddErrors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReservedSegment(Segment);
        return builder;
    }
}
