namespace RqiiacPortail.Web.Modules.Notifications.Contracts;

/// <summary>
/// A part of « Préférences » that another module brings (the bulletin's subscription): a view component drawn below
/// the notification choices, with a form of its own.
/// </summary>
public sealed record PreferenceBlock(string ViewComponent, int Order);

public static class PreferenceBlockRegistration
{
    public static IServiceCollection AddPreferenceBlock(this IServiceCollection services, string viewComponent, int order) =>
        services.AddSingleton(new PreferenceBlock(viewComponent, order));
}
