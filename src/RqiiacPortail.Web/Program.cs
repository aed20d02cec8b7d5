using RqiiacPortail.Web;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Administration;
using RqiiacPortail.Web.Modules.Bulletin;
using RqiiacPortail.Web.Modules.Errors;
using RqiiacPortail.Web.Modules.Events;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Search;
using RqiiacPortail.Web.Modules.Tools;
using RqiiacPortail.Web.Modules.Sections;
using RqiiacPortail.Web.Modules.Taxonomy;

var builder = WebApplication.CreateBuilder(args);

// The host and its shared services, then one line per module.
builder.AddPortalHost();
builder.AddPortalData();
builder.AddCaching();
builder.AddPortalWeb();
builder.AddRecipes();
builder.AddMail();
builder.AddDomainEvents();
builder.AddAudit();
builder.AddSections();
builder.AddMembers();
builder.AddTaxonomy();
builder.AddNotifications();
builder.AddSearch();
builder.AddTools();
builder.AddForum();
builder.AddEvents();
builder.AddBulletin();
builder.AddAdministration();
builder.AddErrors();

var app = builder.Build();

if (AdminCommands.IsCommand(args)) return await AdminCommands.RunAsync(app, args);

app.UsePortal();
app.Run();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
