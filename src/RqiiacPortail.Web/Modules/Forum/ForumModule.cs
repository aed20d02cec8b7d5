using RqiiacPortail.Web.Infrastructure.Audit;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>The forum (« Discussions »): categories, threads, moderation, pseudonymous dilemmas, live replies.</summary>
public static class ForumModule
{
    public const string Feature = "forum";

    /// <summary>Threads and posts (every page of the forum, the home pages' latest threads).</summary>
    public const string Area = "forum";

    public const string CategoriesArea = "forum-categories";

    /// <summary>Rate-limit policy of posting, per member (on top of the site's per-address one).</summary>
    public const string PostingPolicy = "forum-membre";

    /// <summary>The defaults of <c>RateLimits:ForumPostsPerMinute</c> and <c>RateLimits:ForumModerationPerMinute</c>.</summary>
    public const int PostsPerMinute = 10, ModerationActionsPerMinute = 120;

    /// <summary>Rate-limit policy of the moderators' actions, per member.</summary>
    public const string ModerationPolicy = "forum-moderation";

    public static readonly NotificationKind FollowKind = new("forum-suivi", "Nouveaux messages dans les discussions que je suis", Delivery.Email, "message-circle");
    public static readonly NotificationKind MentionKind = new("forum-mention", "Quand on me mentionne dans une discussion", Delivery.Email, "at-sign");
    public static readonly NotificationKind ModerationKind = new("forum-moderation", "Décisions de la modération sur mes messages", Delivery.Email, "shield");

    public static IHostApplicationBuilder AddForum(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ForumAccess>();
        services.AddScoped<ForumAuthors>();
        services.AddScoped<ForumService>();
        services.AddScoped<ForumPseudonyms>();
        services.AddScoped<ForumModeration>();
        services.AddScoped<ForumCategoryEditor>();
        services.AddScoped<ForumQueries>();
        services.AddScoped<ForumLive>();
        services.AddSingleton<ForumPostHtml>();
        services.AddCacheArea(Area, typeof(ForumThread), typeof(ForumPost), typeof(ForumThreadTerm), typeof(ForumSuspension));
        services.AddCacheArea(CategoriesArea, typeof(ForumCategory));
        services.AddPersonalData<ForumPersonalData>();
        services.AddTermUsage<ForumTermUsage>();
        services.AddSearchSource<ForumSearchSource>();
        services.AddNewsSource<ForumNews>();
        services.AddSearchFacet(new SearchFacet(FacetKeys.Of(Vocabularies.EthicsTopics), "Thème éthique", Vocabularies.EthicsTopics));
        services.AddNotificationKind(FollowKind);
        services.AddNotificationKind(MentionKind);
        services.AddNotificationKind(ModerationKind);
        services.AddEventHandler<ForumPostPublished, ForumPostNotifications>();
        services.AddRecipeStep<ForumRecipeStep>();
        services.AddSectionFeature(Feature, "Discussions");
        services.AddReservedSegment("forum");
        services.AddAuditActions(ForumModeration.AuditArea,
            ("approuver", "Message approuvé"), ("refuser", "Message refusé"), ("masquer", "Message masqué"), ("retablir", "Message rétabli"),
            ("deplacer", "Sujet déplacé"), ("suspendre", "Membre suspendu"), ("reveler", "Pseudonyme levé"),
            ("categorie-creer", "Catégorie créée"), ("categorie-modifier", "Catégorie modifiée"), ("categorie-retirer", "Catégorie retirée"),
            ("premoderation", "Premiers messages à approuver"));
        services.AddReservedSegment(ForumHub.Path.TrimStart('/').Split('/')[0]);
        services.AddNavigationItem(new NavigationItem("Discussions", "forum", 30, SectionFeature: Feature));
        services.AddHomeBlock(Components.DerniersSujetsViewComponent.Name, 30);
        ForumMarks.Register(services);
        services.AddAdminMenuItem(new AdminMenuItem("Modération", "Messages en attente d'approbation et messages signalés des discussions.", "admin/moderation", ForumPermissions.Moderate, 40));
        services.AddAdminMenuItem(new AdminMenuItem("Catégories de discussion", "Les catégories du forum de votre section, qui peut les lire, la prémodération.", "admin/discussions", ForumPermissions.ManageCategories, 41));
        services.AddAdminBadge<ModerationQueueBadge>();
        // Every posting action (threads, replies, edits, « Merci », flags, follows) per member; moderators' actions
        // on a budget of their own, generous: a queue is worked through in bursts.
        services.AddMemberPostingPolicy(PostingPolicy, "ForumPostsPerMinute", PostsPerMinute);
        services.AddMemberPostingPolicy(ModerationPolicy, "ForumModerationPerMinute", ModerationActionsPerMinute);
        services.AddModuleEndpoints("forum", app =>
        {
            HubConnectionOwnership.Guard(app, ForumHub.Path);
            app.MapHub<ForumHub>(ForumHub.Path);
            ForumEndpoints.Map(app);
        });
        return builder;
    }
}

/// <summary>The administration home's count of what waits for this moderator.</summary>
internal sealed class ModerationQueueBadge(ForumAccess access, ForumModeration moderation) : IAdminBadge
{
    public string Path => "admin/moderation";

    public async Task<string?> TextAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var reader = await access.ReaderAsync(user);
        if (!reader.ModeratesAny) return null;
        var count = await moderation.QueueCountAsync(reader, ct);
        return count == 0 ? null : $"{count} à examiner";
    }
}
