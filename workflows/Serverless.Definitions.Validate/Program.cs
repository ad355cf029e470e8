using Serverless.Workflows.Definitions;

return DefinitionFilesCommand.Validate(args, Console.Out, Console.Error);
