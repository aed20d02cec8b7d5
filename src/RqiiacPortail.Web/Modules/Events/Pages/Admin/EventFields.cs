using Microsoft.AspNetCore.Mvc.ModelBinding;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages.Admin;

/// <summary>What the event's form partial needs: the input and the vocabularies to tag with.</summary>
public sealed record EventFields(EventInput Input, IReadOnlyList<VocabularyInfo> Vocabularies)
{
    public static void AddRefusals(ModelStateDictionary state, IEnumerable<Refusal> refusals)
    {
        foreach (var r in refusals) state.AddModelError(r.Field, r.Message);
    }
}
