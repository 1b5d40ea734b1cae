using Xunit.Abstractions;
using Xunit.Sdk;

namespace Documentation.Tests;

/// <summary>Runs the blocks in reading order (file by file, top to bottom), as a reader following the pages would.</summary>
public sealed class DocumentOrder : ITestCaseOrderer
{
    public const string TypeName = "Documentation.Tests.DocumentOrder";

    public const string AssemblyName = "Documentation.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
    {
        var order = MarkdownCommands.RunnableBlocks(Repository.Root).Select((block, index) => (block.Id, index))
            .ToDictionary(b => b.Id, b => b.index, StringComparer.Ordinal);
        return testCases.OrderBy(t => t.TestMethodArguments is [string id] && order.TryGetValue(id, out var index) ? index : -1)
            .ThenBy(t => t.DisplayName, StringComparer.Ordinal);
    }
}
