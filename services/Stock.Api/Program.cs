using Stock.Api;

await StockApi.Build(args).RunAsync();
