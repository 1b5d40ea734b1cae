using Microsoft.Playwright;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.BrowserTests;

/// <summary>
/// The operator console in a real browser (Debian's headless chromium through Playwright): sign in with the administration key,
/// search the routes, explain a request, and watch a circuit breaker open while a downstream service fails. The screenshots it
/// takes are the ones in docs/console.md; set <c>UPDATE_DOC_SCREENSHOTS=1</c> to write them there.
/// </summary>
public sealed class ConsoleBrowserTests
{
    private const string AdminKey = "admin-key-for-browser-tests-42";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [ChromiumFact]
    public async Task Console_SignInSearchExplainAndSeeABreakerOpen()
    {
        await using var stub = await DownstreamStub.StartAsync();
        stub.Handler = context => context.Request.Path.Value!.Contains("/fail", StringComparison.Ordinal)
            ? Fail(context)
            : DownstreamStub.EchoAsync(context);
        var orders = Indented(Routes(
            Route(stub, "/orders/{id}", "/api/orders/{id}", new
            {
                Key = "orders",
                UpstreamHttpMethod = new[] { "Get" },
                QoSOptions = new { ExceptionsAllowedBeforeBreaking = 3, DurationOfBreak = 60_000, TimeoutValue = 5_000 },
            }),
            Route(stub, "/orders", "/api/orders", new { Key = "orders-write", UpstreamHttpMethod = new[] { "Post" } })));
        await using var gateway = await GatewayInstance.StartWithFilesAsync(
            new Dictionary<string, string>
            {
                ["ocelot.orders.json"] = orders,
                ["ocelot.stock.json"] = Indented(Routes(
                    Route(stub, "/stock/{everything}", "/api/stocks/{everything}", new
                    {
                        Key = "stock",
                        RateLimitOptions = new { EnableRateLimiting = true, Period = "1s", PeriodTimespan = 1, Limit = 50 },
                        FileCacheOptions = new { TtlSeconds = 30 },
                    }),
                    Route(stub, "/esg/{everything}", "/api/scores/{everything}", new { Key = "esg", RetryOptions = new { MaxRetries = 2 } }))),
            },
            o => o.Settings["Gateway:Administration:ApiKey"] = AdminKey);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Executable,
            Headless = true,
            // Tests run as root in CI containers, where chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout((float)Wait.TotalMilliseconds);
        Assertions.SetDefaultExpectTimeout((float)Wait.TotalMilliseconds);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(new Uri(gateway.BaseAddress, "/administration/ui").ToString());
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await page.Locator("#credential").FillAsync("not-the-key-at-all-0000");
        // The browser logs the refused call itself ("status of 401"); that one is expected. The log line can arrive after the
        // page shows the refusal, so it is awaited before it is taken out of the errors.
        var refusalLogged = page.WaitForConsoleMessageAsync(new PageWaitForConsoleMessageOptions
        {
            Predicate = message => message.Type == "error" && message.Text.Contains("401", StringComparison.Ordinal),
        });
        await page.Locator("#sign-in-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("The administration API refused this key or token.");
        await Assertions.Expect(page.Locator("#content")).ToBeHiddenAsync();
        await refusalLogged;
        errors.RemoveAll(e => e.Contains("401", StringComparison.Ordinal));
        await page.Locator("#credential").FillAsync(AdminKey);
        await page.Locator("#sign-in-form button").ClickAsync();

        var rows = page.Locator("#route-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#generation")).ToHaveTextAsync("generation 1");
        await Assertions.Expect(rows.First).ToContainTextAsync("ocelot.orders.json:" + RouteLine(orders, 0) + " · Routes[0]");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("ocelot.orders.json:" + RouteLine(orders, 1) + " · Routes[1]");
        await ScreenshotAsync(page.Locator("#routes"), "console-routes.png");
        await page.Locator("#route-search").FillAsync("circuit");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("/orders/{id}");
        await page.Locator("#route-search").FillAsync("cache stock");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("/stock/{everything}");
        await page.Locator("#route-search").FillAsync(string.Empty);

        await page.Locator("#explain-url").FillAsync("/orders/42?expand=lines");
        await page.Locator("#explain-headers").FillAsync("X-Request-Id: demo-1");
        await page.Locator("#explain-form button").ClickAsync();
        await Assertions.Expect(page.Locator(".verdict")).ToContainTextAsync("is taken by Routes[0] (/orders/{id}) in ocelot.orders.json");
        await Assertions.Expect(page.Locator(".downstream-line")).ToHaveTextAsync("GET " + stub.Address + "/api/orders/42?expand=lines");
        await Assertions.Expect(page.Locator(".candidates")).ToContainTextAsync("method: GET is not one of Post");
        await ScreenshotAsync(page.Locator("#explain"), "console-explain.png");

        // A header the gateway cannot forward: the route still matches, and the refusal is what the page shows.
        await page.Locator("#explain-headers").FillAsync("X-Name: Jos\u00e9");
        await page.Locator("#explain-form button").ClickAsync();
        await Assertions.Expect(page.Locator(".verdict .refusal")).ToContainTextAsync("Refused with 400 (forwardable request): The value of header 'X-Name'");
        await Assertions.Expect(page.Locator(".verdict")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bnone\\b"));

        for (var i = 0; i < 5; i++)
        {
            await gateway.Client.GetAsync("/orders/fail");
        }

        var breaker = page.Locator("#breaker-table tbody tr").Filter(new LocatorFilterOptions { HasText = "orders" });
        await Assertions.Expect(breaker.Locator("td").Nth(1)).ToHaveTextAsync("open");
        await Assertions.Expect(page.Locator("#traffic-table tbody tr").Filter(new LocatorFilterOptions { HasText = "orders" })).ToBeVisibleAsync();
        await ScreenshotAsync(page.Locator("#live"), "console-live.png");

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Assert.DoesNotContain(stub.Received, r => r.Path.StartsWith("/administration", StringComparison.Ordinal));
    }

    // Written as an operator writes them, so the console's source lines differ per route (and the screenshots look real).
    private static string Indented(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    /// <summary>The 1-based line where route <paramref name="index"/> opens in an indented route file.</summary>
    private static int RouteLine(string json, int index) =>
        json.Split('\n').Select((line, number) => (line, number)).Where(l => l.line.TrimEnd() == "    {").ElementAt(index).number + 1;

    private static Task Fail(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return Task.CompletedTask;
    }

    /// <summary>Kept with the test output; written to docs/images too when <c>UPDATE_DOC_SCREENSHOTS=1</c>.</summary>
    private static async Task ScreenshotAsync(ILocator section, string name)
    {
        var bytes = await section.ScreenshotAsync();
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(output);
        await File.WriteAllBytesAsync(Path.Combine(output, name), bytes);
        if (Environment.GetEnvironmentVariable("UPDATE_DOC_SCREENSHOTS") == "1")
        {
            await File.WriteAllBytesAsync(Path.Combine(RepositoryRoot(), "docs", "images", name), bytes);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OcelotGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OcelotGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
