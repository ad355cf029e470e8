global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Serverless.Infra.Tests.Arm;
