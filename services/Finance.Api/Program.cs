using Finance.Api;

await FinanceApi.Build(args).RunAsync();
