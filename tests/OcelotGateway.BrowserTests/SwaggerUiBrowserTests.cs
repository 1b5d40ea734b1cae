using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OcelotGateway.IntegrationTests.Infrastructure;
using OcelotGateway.IntegrationTests.Swagger;

namespace OcelotGateway.BrowserTests;

/// <summary>
/// The gateway's Swagger UI in a real browser: a headless Chromium from PATH driven by Playwright (its driver ships in the
/// NuGet package; no browser is downloaded). Three sample services serve their documents and operations on real sockets.
/// </summary>
public sealed class SwaggerUiBrowserTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [ChromiumFact]
    public async Task SwaggerUi_EachServiceSelected_TryItOutExecutesThroughTheGateway()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var esg = await SampleApiStub.StartAsync("Esg", "scores", "company");
        await using var finance = await SampleApiStub.StartAsync("Finance", "statements", "id");
        await using var gateway = await GatewayInstance.StartAsync(SwaggerGatewayJson.For(
            ("stock", "Stock", "stocks", stock),
            ("esg", "Esg", "scores", esg),
            ("finance", "Finance", "statements", finance)));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Executable,
            Headless = true,
            // Tests run as root in CI containers, where chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout((float)Wait.TotalMilliseconds);
        Assertions.SetDefaultExpectTimeout((float)Wait.TotalMilliseconds);
        await page.GotoAsync(new Uri(gateway.BaseAddress, "/swagger/index.html").ToString());

        var select = page.Locator("#select");
        await Assertions.Expect(select.Locator("option")).ToHaveTextAsync(["Stock - v1", "Esg - v1", "Finance - v1"]);

        foreach (var (label, key, parameter, value, service) in new[]
        {
            ("Stock - v1", "stock", "symbol", "MSFT", stock),
            ("Esg - v1", "esg", "company", "ACME", esg),
            ("Finance - v1", "finance", "id", "Q3-2024", finance),
        })
        {
            await select.SelectOptionAsync(new SelectOptionValue { Label = label });
            var operation = page.Locator(".opblock").Filter(new LocatorFilterOptions
            {
                Has = page.Locator($".opblock-summary-path[data-path='/{key}/{{{parameter}}}']"),
            });
            await operation.Locator(".opblock-summary").First.ClickAsync();
            await operation.Locator("button.try-out__btn").ClickAsync();
            await operation.Locator($"tr[data-param-name='{parameter}'] input").FillAsync(value);
            await operation.Locator("button.execute").ClickAsync();

            var live = operation.Locator(".live-responses-table tbody tr.response");
            await Assertions.Expect(live.Locator(".response-col_status")).ToHaveTextAsync(new Regex("^\\s*200"));
            await Assertions.Expect(live.Locator(".response-col_description")).ToContainTextAsync(value);
            Assert.Contains(service.Received, r => r.Path == "/api/" + SampleResource(key) + "/" + value);
        }
    }

    private static string SampleResource(string key) => key switch
    {
        "stock" => "stocks",
        "esg" => "scores",
        _ => "statements",
    };
}
