using System.Reflection;
using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace RqiiacPortail.Tests.Architecture;

/// <summary>
/// The layers around the modules (issue 11): the host, <c>Infrastructure/</c> and <c>Data/</c> use modules only
/// through their contracts (the host may call each module's entry point), contracts do not depend on each other
/// in a circle, raw SQL stays in <c>Data/</c>, and page models reach the database through their module's services.
/// </summary>
public sealed class LayerTests
{
    private const string Root = "RqiiacPortail.Web";
    private const string Modules = Root + ".Modules";
    private static readonly Assembly Web = typeof(Program).Assembly;

    private static IEnumerable<string> ModuleNames() =>
        Web.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(Modules + ".", StringComparison.Ordinal))
            .Select(n => n[(Modules.Length + 1)..].Split('.')[0]).Distinct().Order();

    private static bool InNamespace(Type t, string ns) => t.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

    /// <summary>Every type of a module outside its contracts (and, when asked, outside its entry point).</summary>
    private static string[] ModuleInternals(bool allowEntryPoints) =>
        Web.GetTypes().Where(t => InNamespace(t, Modules) && !t.Name.StartsWith('<')
                && !t.Namespace!.Split('.').Contains("Contracts")
                && !(allowEntryPoints && t.Namespace!.Split('.').Length == 4 && t.Name.EndsWith("Module", StringComparison.Ordinal)))
            .Select(t => t.FullName!).ToArray();

    [Fact]
    public void Infrastructure_AndData_UseModulesOnlyThroughTheirContracts()
    {
        // One exception, by design: the shared context is Identity's, so it names the account type Members owns.
        var internals = ModuleInternals(allowEntryPoints: false).Where(n => n != $"{Modules}.Members.PortalUser").ToArray();
        var result = Types.InAssembly(Web).That().ResideInNamespaceMatching($@"^{Regex.Escape(Root)}\.(Infrastructure|Data)(\..*)?$")
            .ShouldNot().HaveDependencyOnAny(internals).GetResult();

        Assert.True(result.IsSuccessful, $"Reaching into modules: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void TheHost_CallsModulesOnlyThroughTheirEntryPointsAndContracts()
    {
        var host = Web.GetTypes().Where(t => (t.Namespace is null || t.Namespace == Root) && !t.Name.StartsWith('<')).Select(t => t.FullName!).ToArray();
        Assert.Contains("Program", host);

        var result = Types.InAssembly(Web).That().HaveNameMatching("^(" + string.Join("|", host.Select(h => Regex.Escape(h.Split('.').Last()))) + ")$")
            .And().DoNotResideInNamespaceMatching($@"^{Regex.Escape(Root)}\..+")
            .ShouldNot().HaveDependencyOnAny(ModuleInternals(allowEntryPoints: true)).GetResult();

        Assert.True(result.IsSuccessful, $"The host reaches into modules: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void ContractsOfModules_DoNotDependOnEachOtherInACircle()
    {
        var modules = ModuleNames().ToList();
        var uses = modules.ToDictionary(m => m, m => modules.Where(other => other != m && !Types.InAssembly(Web)
            .That().ResideInNamespaceMatching($@"^{Regex.Escape(Modules)}\.{m}\.Contracts(\..*)?$")
            .ShouldNot().HaveDependencyOn($"{Modules}.{other}.Contracts").GetResult().IsSuccessful).ToList());

        foreach (var start in modules)
        {
            // Depth-first from each module's contracts: coming back to the start is a circle.
            var path = new Stack<string>();
            bool Visit(string m)
            {
                path.Push(m);
                foreach (var next in uses[m])
                    if (next == start || (!path.Contains(next) && Visit(next))) return true;
                path.Pop();
                return false;
            }
            Assert.False(Visit(start), $"Contracts in a circle: {string.Join(" → ", path.Reverse().Append(start))}");
        }
    }

    [Fact]
    public void RawSql_StaysInData()
    {
        using var assembly = AssemblyDefinition.ReadAssembly(Web.Location);
        var offenders = new List<string>();
        foreach (var type in assembly.MainModule.GetTypes().Where(t => !NamespaceOf(t).StartsWith(Root + ".Data", StringComparison.Ordinal)))
            foreach (var method in type.Methods.Where(m => m.HasBody))
                foreach (var call in method.Body.Instructions.Where(i => i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt || i.OpCode == OpCodes.Newobj))
                    if (call.Operand is MethodReference target && IsRawSql(target)) offenders.Add($"{type.FullName}.{method.Name} → {target.Name}");

        Assert.True(offenders.Count == 0, "Raw SQL outside Data/: " + string.Join("; ", offenders.Distinct()));
    }

    // A nested type (an async method's state machine) has the namespace of the type it is nested in.
    private static string NamespaceOf(TypeDefinition t) => t.DeclaringType is { } outer ? NamespaceOf(outer) : t.Namespace ?? "";

    private static bool IsRawSql(MethodReference m) =>
        m.Name.StartsWith("FromSql", StringComparison.Ordinal) || m.Name.StartsWith("ExecuteSql", StringComparison.Ordinal)
        || m.Name.StartsWith("SqlQuery", StringComparison.Ordinal)
        || (m.Name == "set_CommandText" && m.DeclaringType.Name.EndsWith("Command", StringComparison.Ordinal));

    [Fact]
    public void TheArchitectureChecks_SeeWhatTheyForbid()
    {
        // Guards the tests above against passing vacuously: Program does reach entry points, and the finder sees
        // the raw SQL that Data/ itself holds.
        Assert.Contains(ModuleInternals(allowEntryPoints: false), n => n.EndsWith(".ToolsModule", StringComparison.Ordinal));
        Assert.DoesNotContain(ModuleInternals(allowEntryPoints: true), n => n.EndsWith(".ToolsModule", StringComparison.Ordinal));
        using var assembly = AssemblyDefinition.ReadAssembly(Web.Location);
        Assert.Contains(assembly.MainModule.GetTypes().Where(t => NamespaceOf(t) == Root + ".Data").SelectMany(t => t.Methods).Where(m => m.HasBody)
            .SelectMany(m => m.Body.Instructions), i => i.Operand is MethodReference target && IsRawSql(target));
    }
}

/// <summary>
/// Page models reach the database through their module's services (issue 11), so that pages, recipe steps and
/// tests share one implementation of each rule.
/// </summary>
public sealed class PageModelTests
{
    [Fact]
    public void PageModels_UseTheirModulesServices_NotTheContext()
    {
        var web = typeof(Program).Assembly;
        var pages = NetArchTest.Rules.Types.InAssembly(web).That().Inherit(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel)).GetTypes().ToList();
        Assert.True(pages.Count > 30, $"{pages.Count} page models found");

        var result = NetArchTest.Rules.Types.InAssembly(web).That().Inherit(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel))
            .ShouldNot().HaveDependencyOn(typeof(RqiiacPortail.Web.Data.PortalDbContext).FullName!).GetResult();

        Assert.True(result.IsSuccessful, $"Page models using the context: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
