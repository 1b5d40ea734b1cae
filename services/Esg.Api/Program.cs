using Esg.Api;

await EsgApi.Build(args).RunAsync();
