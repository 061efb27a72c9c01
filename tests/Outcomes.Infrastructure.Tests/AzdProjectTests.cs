using YamlDotNet.RepresentationModel;

namespace Outcomes.Infrastructure.Tests;

/// <summary>
/// azure.yaml, read as azd reads it (schema v1.0): `azd up` provisions infra/ and deploys the folder scripts/publish.sh
/// makes to the function app that carries the service's azd-service-name tag. azd itself cannot run here.
/// </summary>
public sealed class AzdProjectTests(DeploymentSnapshot snapshot) : IClassFixture<DeploymentSnapshot>
{
    private static readonly YamlMappingNode Project = Load();

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Bicep.RepoRoot, "azure.yaml"))));
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)])).Value!;

    private static (string Name, YamlMappingNode Service) OnlyService()
    {
        var services = (YamlMappingNode)Project.Children[new YamlScalarNode("services")];
        var service = Assert.Single(services.Children);
        return (((YamlScalarNode)service.Key).Value!, (YamlMappingNode)service.Value);
    }

    [Fact]
    public void The_project_provisions_the_bicep_main_template_in_infra()
    {
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Scalar(Project, "name"));
        Assert.Equal("bicep", Scalar(Project, "infra", "provider"));
        Assert.Equal(Bicep.MainTemplate, Path.Combine(Bicep.RepoRoot, Scalar(Project, "infra", "path"), Scalar(Project, "infra", "module") + ".bicep"));
    }

    [Fact]
    public void The_service_is_the_function_app_tagged_with_its_name()
    {
        var (name, service) = OnlyService();
        var app = snapshot.Single("Microsoft.Web/sites");

        Assert.Equal("function", Scalar(service, "host"));
        Assert.Equal(name, app.GetProperty("tags").GetProperty("azd-service-name").GetString());
        Assert.Single(snapshot.Resources("Microsoft.Web/sites"));
    }

    [Fact]
    public void The_service_deploys_the_app_root_the_publish_script_makes_before_azd_packages_it()
    {
        var (_, service) = OnlyService();
        var project = Path.GetFullPath(Path.Combine(Bicep.RepoRoot, Scalar(service, "project")));

        // azd's "custom" language builds nothing and zips `dist` (relative to the project) as it is.
        Assert.Equal("custom", Scalar(service, "language"));
        Assert.Equal("false", Scalar(service, "remoteBuild"));
        var dist = Path.GetFullPath(Path.Combine(project, Scalar(service, "dist")));
        var run = Scalar(service, "hooks", "prepackage", "posix", "run").Split(' ');
        Assert.Equal(["bash", "scripts/publish.sh"], run[..2]);
        Assert.True(File.Exists(Path.Combine(project, run[1])));
        Assert.Equal(dist, Path.GetFullPath(Path.Combine(project, run[2])));
        Assert.Equal("false", Scalar(service, "hooks", "prepackage", "posix", "continueOnError"));
        // The published folder stays out of git.
        Assert.Contains(Path.GetRelativePath(Bicep.RepoRoot, dist).Split('/')[0] + "/", File.ReadAllLines(Path.Combine(Bicep.RepoRoot, ".gitignore")));
    }
}
