namespace RqiiacPortail.Web.Infrastructure.Recipes;

public static class RecipesModule
{
    public static IHostApplicationBuilder AddRecipes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<RecipeRunner>();
        return builder;
    }

    /// <summary>Called by a module's entry point for each kind of step it contributes.</summary>
    public static IServiceCollection AddRecipeStep<TStep>(this IServiceCollection services) where TStep : class, IRecipeStep =>
        services.AddScoped<IRecipeStep, TStep>();
}
