using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Privacy;

namespace RqiiacPortail.Web.Infrastructure.Mail;

public static class MailModule
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MailOutboxSignal>();
        builder.Services.AddScoped<IMailOutbox, MailOutbox>();
        builder.Services.AddScoped<MailQueue>();
        builder.Services.AddAdminMenuItem(new AdminMenuItem("Courriels", "Ce que devient chaque courriel : envoyé, en attente, en échec, incertain.", "admin/courriels", MailPermissions.Manage, 90));
        builder.Services.AddSingleton<IMailTransport>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.Host)
                ? ActivatorUtilities.CreateInstance<PickupDirectoryTransport>(sp)
                : ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp));
        builder.Services.AddHostedService<MailOutboxProcessor>();
        builder.Services.AddPersonalData<MailPersonalData>();
        builder.Services.AddHealthChecks().AddCheck<MailOutboxHealthCheck>("courriels");
        return builder;
    }
}
