namespace OcelotGateway.BrowserTests;

public sealed class ChromiumTests
{
    [Fact]
    public void Find_FirstKnownNameInPathOrder()
    {
        var empty = Directory.CreateTempSubdirectory("path-empty-").FullName;
        var withChrome = Directory.CreateTempSubdirectory("path-chrome-").FullName;
        var withChromium = Directory.CreateTempSubdirectory("path-chromium-").FullName;
        File.WriteAllText(Path.Combine(withChrome, "google-chrome"), string.Empty);
        File.WriteAllText(Path.Combine(withChromium, "chromium-browser"), string.Empty);
        try
        {
            var path = string.Join(Path.PathSeparator, empty, withChrome, withChromium);

            Assert.Equal(Path.Combine(withChrome, "google-chrome"), Chromium.Find(path));
            Assert.Null(Chromium.Find(empty));
            Assert.Null(Chromium.Find(null));
        }
        finally
        {
            foreach (var folder in new[] { empty, withChrome, withChromium })
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
