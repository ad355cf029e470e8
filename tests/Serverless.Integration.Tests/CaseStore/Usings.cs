global using Serverless.Workflows.Cases;
global using Serverless.Workflows.Cases.Cosmos;
