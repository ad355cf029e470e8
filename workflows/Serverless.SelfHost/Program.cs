using Serverless.SelfHost;

await SelfHostApp.Build(args).RunAsync();
