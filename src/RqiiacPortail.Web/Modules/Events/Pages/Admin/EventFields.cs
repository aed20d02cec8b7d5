using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages.Admin;

/// <summary>What the event's form partial needs: the input and the vocabularies to tag with.</summary>
public sealed record EventFields(EventInput Input, IReadOnlyList<VocabularyInfo> Vocabularies);
