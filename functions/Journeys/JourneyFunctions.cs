using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Workflows.Calendar;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Journeys.Activities;
using Serverless.Workflows.Journeys.V1;
using Serverless.Workflows.Journeys.V2;

namespace Serverless.Functions.Journeys;

/// <summary>
/// Hand-written [Function] wrappers for the class-based orchestrator and activities (the Durable source generator is
/// not available here). Each resolves the same class the self-host runs and calls its RunAsync.
/// </summary>
public static class JourneyFunctions
{
    /// <summary>ServiceJourney (v1), frozen: journeys started before v2 finish on it.</summary>
    [Function(ServiceJourneyV1.Name)]
    public static Task<JourneyOutcome> RunJourney([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ServiceJourneyV1().RunAsync(context, context.GetInput<string>()!);

    /// <summary>ServiceJourney_v2, where new journeys start (<see cref="JourneyVersions.Current"/>).</summary>
    [Function(ServiceJourneyV2.Name)]
    public static Task<JourneyOutcome> RunJourneyV2([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext function) =>
        ActivatorUtilities.CreateInstance<ServiceJourneyV2>(function.InstanceServices).RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(OpenCaseActivity))]
    public static Task<OpenedJourney> OpenCase([ActivityTrigger] string caseId, FunctionContext function) =>
        Run<OpenCaseActivity, string, OpenedJourney>(caseId, function);

    [Function(nameof(CheckPaymentActivity))]
    public static Task<string> CheckPayment([ActivityTrigger] string caseId, FunctionContext function) =>
        Run<CheckPaymentActivity, string, string>(caseId, function);

    [Function(nameof(HandOffActivity))]
    public static Task<DepartmentDeadlines> HandOff([ActivityTrigger] string caseId, FunctionContext function) =>
        Run<HandOffActivity, string, DepartmentDeadlines>(caseId, function);

    [Function(nameof(RemindDepartmentActivity))]
    public static Task<bool> RemindDepartment([ActivityTrigger] string caseId, FunctionContext function) =>
        Run<RemindDepartmentActivity, string, bool>(caseId, function);

    [Function(nameof(EscalateCaseActivity))]
    public static Task<bool> EscalateCase([ActivityTrigger] string caseId, FunctionContext function) =>
        Run<EscalateCaseActivity, string, bool>(caseId, function);

    [Function(nameof(RequestInformationActivity))]
    public static Task<bool> RequestInformation([ActivityTrigger] RequestInformation input, FunctionContext function) =>
        Run<RequestInformationActivity, RequestInformation, bool>(input, function);

    [Function(nameof(ReturnToDepartmentActivity))]
    public static Task<DepartmentDeadlines> ReturnToDepartment([ActivityTrigger] ReturnToDepartment input, FunctionContext function) =>
        Run<ReturnToDepartmentActivity, ReturnToDepartment, DepartmentDeadlines>(input, function);

    [Function(nameof(ConcludeCaseActivity))]
    public static Task<JourneyOutcome> ConcludeCase([ActivityTrigger] ConcludeCase input, FunctionContext function) =>
        Run<ConcludeCaseActivity, ConcludeCase, JourneyOutcome>(input, function);

    [Function(nameof(CloseCaseActivity))]
    public static Task<JourneyOutcome> CloseCase([ActivityTrigger] CloseCase input, FunctionContext function) =>
        Run<CloseCaseActivity, CloseCase, JourneyOutcome>(input, function);

    [Function(nameof(RecordJourneyFailureActivity))]
    public static Task<bool> RecordJourneyFailure([ActivityTrigger] JourneyFailure input, FunctionContext function) =>
        Run<RecordJourneyFailureActivity, JourneyFailure, bool>(input, function);

    [Function(nameof(OpenJourneyActivity))]
    public static Task<OpenedJourney> OpenJourney([ActivityTrigger] OpenJourney input, FunctionContext function) =>
        Run<OpenJourneyActivity, OpenJourney, OpenedJourney>(input, function);

    [Function(nameof(ParkCaseActivity))]
    public static Task<bool> ParkCase([ActivityTrigger] ParkJourney input, FunctionContext function) =>
        Run<ParkCaseActivity, ParkJourney, bool>(input, function);

    [Function(nameof(ResumeCaseActivity))]
    public static Task<bool> ResumeCase([ActivityTrigger] string caseId, FunctionContext function) =>
        Run<ResumeCaseActivity, string, bool>(caseId, function);

    [Function(nameof(RecordDecisionActivity))]
    public static Task<JourneyOutcome> RecordDecision([ActivityTrigger] ConcludeCase input, FunctionContext function) =>
        Run<RecordDecisionActivity, ConcludeCase, JourneyOutcome>(input, function);

    [Function(nameof(NotifyCitizenActivity))]
    public static Task<bool> NotifyCitizen([ActivityTrigger] CitizenNotice input, FunctionContext function) =>
        Run<NotifyCitizenActivity, CitizenNotice, bool>(input, function);

    [Function(nameof(RecordNotificationFailureActivity))]
    public static Task<bool> RecordNotificationFailure([ActivityTrigger] CitizenNotice input, FunctionContext function) =>
        Run<RecordNotificationFailureActivity, CitizenNotice, bool>(input, function);

    [Function(nameof(RefundCaseActivity))]
    public static Task<bool> RefundCase([ActivityTrigger] string caseId, FunctionContext function) =>
        Run<RefundCaseActivity, string, bool>(caseId, function);

    private static Task<TOut> Run<TActivity, TIn, TOut>(TIn input, FunctionContext function)
        where TActivity : TaskActivity<TIn, TOut>
    {
        var activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(function.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(typeof(TActivity).Name, function), input);
    }

    private sealed class FunctionActivityContext(string name, FunctionContext function) : TaskActivityContext
    {
        public override TaskName Name => new(name);

        public override string InstanceId =>
            function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
    }
}
