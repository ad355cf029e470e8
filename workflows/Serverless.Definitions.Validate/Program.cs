using Serverless.Workflows.Definitions;

// `validate <file or folder>...` checks definition files; `catalogue <file>` writes the journey catalogue page.
return args is ["catalogue", var page]
    ? JourneyCatalogue.Write(page, Console.Out)
    : DefinitionFilesCommand.Validate(args, Console.Out, Console.Error);
