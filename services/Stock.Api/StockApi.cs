using Samples.ServiceDefaults;
using Stock.Api.Stocks;

namespace Stock.Api;

/// <summary>
/// Builds the Stock service: listed equities under <c>/api/stocks</c>. Program.cs runs it; tests start it in-process on an
/// ephemeral port (<c>--urls http://127.0.0.1:0</c>).
/// </summary>
public static class StockApi
{
    public static readonly ServiceDescription Service = new("stock", "Stock API", "Listed equities: symbol, exchange, price and market capitalisation.");

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(StockApi).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddServiceDefaults(Service);
        builder.Services.AddSingleton(_ => StockStore.Create());
        return builder;
    }

    public static WebApplication Build(string[] args)
    {
        var app = CreateBuilder(args).Build();
        app.MapServiceDefaults();
        app.MapStockEndpoints();
        return app;
    }
}
