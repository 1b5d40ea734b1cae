using System.Reflection;

namespace Documentation.Tests;

/// <summary>Where the repository is and where its build put the programs the documentation runs.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    public static string Configuration => Metadata("BuildConfiguration");

    public static string TargetFramework => Metadata("TargetFramework");

    /// <summary>The built assembly of a project folder such as <c>services/Stock.Api</c> (the folder's name is the assembly's).</summary>
    public static string BuiltAssembly(string projectFolder) =>
        Path.Combine(Root, projectFolder, "bin", Configuration, TargetFramework, Path.GetFileName(projectFolder) + ".dll");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OcelotGateway.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("OcelotGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
