using System.Reflection;
using NetArchTest.Rules;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Profiles;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Api.IntegrationTests.Architecture;

/// <summary>Keeps the layer picture of STYLE.md true: references point inwards only.</summary>
public sealed class LayerDependencyTests
{
    private static readonly Assembly Domain = typeof(Profile).Assembly;
    private static readonly Assembly Application = typeof(ImportProfilesCommand).Assembly;
    private static readonly Assembly Infrastructure = typeof(QuickImportDbContext).Assembly;

    [Test]
    public void Domain_references_only_the_base_class_library()
    {
        var foreign = Domain.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name != "netstandard" && !name.StartsWith("System", StringComparison.Ordinal))
            .ToList();

        Assert.That(foreign, Is.Empty);
    }

    [TestCase("QuickImport.Application")]
    [TestCase("QuickImport.Infrastructure")]
    [TestCase("QuickImport.Api")]
    [TestCase("Microsoft.EntityFrameworkCore")]
    [TestCase("Microsoft.AspNetCore")]
    public void Domain_does_not_depend_on(string outer) =>
        AssertNoDependency(Domain, outer);

    [TestCase("QuickImport.Infrastructure")]
    [TestCase("QuickImport.Api")]
    [TestCase("Microsoft.EntityFrameworkCore")]
    [TestCase("Microsoft.AspNetCore")]
    [TestCase("Npgsql")]
    [TestCase("MaxMind.Db")]
    public void Application_does_not_depend_on(string outer) =>
        AssertNoDependency(Application, outer);

    [Test]
    public void Infrastructure_does_not_depend_on_the_api() =>
        AssertNoDependency(Infrastructure, "QuickImport.Api");

    private static void AssertNoDependency(Assembly assembly, string outer)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn(outer).GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty, $"{assembly.GetName().Name} must not depend on {outer}");
    }
}
