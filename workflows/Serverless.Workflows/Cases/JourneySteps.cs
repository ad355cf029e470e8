namespace Serverless.Workflows.Cases;

/// <summary>The journey's current step, carried as the orchestration's custom status and on the case.</summary>
public static class JourneySteps
{
    public const string Identity = "identity";
    public const string Payment = "payment";
    public const string Department = "department";
    public const string Information = "information";
    public const string Decision = "decision";
    public const string Finished = "finished";
}
