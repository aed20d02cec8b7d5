using System.Reflection;
using NetArchTest.Rules;

namespace RqiiacPortail.Tests.Architecture;

/// <summary>
/// A module may use another only through that module's <c>Contracts</c> namespace: not its entities, services
/// or pages. The test reads the compiled code (method bodies included), so a query on another module's table
/// fails it too.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private const string Root = "RqiiacPortail.Web.Modules";
    private static readonly Assembly Web = typeof(Program).Assembly;

    public static TheoryData<string> Modules()
    {
        var data = new TheoryData<string>();
        foreach (var module in ModuleNames()) data.Add(module);
        return data;
    }

    private static IEnumerable<string> ModuleNames() =>
        Web.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(Root + ".", StringComparison.Ordinal))
            .Select(n => n[(Root.Length + 1)..].Split('.')[0]).Distinct().Order();

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_UsesOtherModulesOnlyThroughTheirContracts(string module)
    {
        var internals = ModuleNames().Where(m => m != module)
            .SelectMany(other => Web.GetTypes()
                .Where(t => t.Namespace is { } ns
                    && (ns == $"{Root}.{other}" || ns.StartsWith($"{Root}.{other}.", StringComparison.Ordinal))
                    && !ns.StartsWith($"{Root}.{other}.Contracts", StringComparison.Ordinal)
                    && !t.Name.StartsWith('<'))
                .Select(t => t.FullName!))
            .ToArray();

        // "Tools" is not "ToolsArchive": the namespace must be the module's or under it.
        var result = Types.InAssembly(Web).That().ResideInNamespaceMatching($@"^{System.Text.RegularExpressions.Regex.Escape(Root)}\.{module}(\..*)?$")
            .ShouldNot().HaveDependencyOnAny(internals).GetResult();

        Assert.True(result.IsSuccessful,
            $"{module} reaches into other modules: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void TheCheck_SeesAModuleEntryPointAsInternalToItsModule()
    {
        // Guards the test above against passing vacuously: Program does reach into every module's entry point.
        var result = Types.InAssembly(Web).That().HaveName("Program")
            .ShouldNot().HaveDependencyOnAny($"{Root}.Members.MembersModule").GetResult();

        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void EveryModule_HasOneEntryPoint_OrNoServicesAtAll()
    {
        var entryPoints = Web.GetTypes().Where(t => t.Namespace?.StartsWith(Root, StringComparison.Ordinal) == true && t.Name.EndsWith("Module", StringComparison.Ordinal)).ToList();

        Assert.All(entryPoints, t => Assert.True(t.IsAbstract && t.IsSealed, $"{t.Name} should be a static class"));
        Assert.Equal(entryPoints.Count, entryPoints.Select(t => t.Namespace).Distinct().Count());
    }
}
