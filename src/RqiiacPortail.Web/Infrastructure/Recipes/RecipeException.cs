namespace RqiiacPortail.Web.Infrastructure.Recipes;

/// <summary>A recipe that cannot be applied; the message (in French) names the step and the field.</summary>
public sealed class RecipeException(string message, Exception? inner = null) : Exception(message, inner);
