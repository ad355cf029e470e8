global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Serverless.Workflows.Calendar;
global using Serverless.Workflows.Definitions;
