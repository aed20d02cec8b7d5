namespace RqiiacPortail.Web.Infrastructure.Recipes;

/// <summary>
/// A kind of step a module understands in recipe files (<c>{"name": "sections", …}</c>). Register with
/// <see cref="RecipesModule.AddRecipeStep{TStep}"/> from the module's entry point.
/// </summary>
public interface IRecipeStep
{
    /// <summary>The value of the step's <c>name</c> field.</summary>
    string Name { get; }

    /// <summary>
    /// Reads the step and stages its changes. Throw through <see cref="RecipeReader.Fail"/> for bad data: the
    /// whole recipe is then rolled back.
    /// </summary>
    Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken);
}

public sealed record RecipeStepContext(RecipeReader Step, int? TargetSectionId);
