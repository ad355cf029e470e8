using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Tests.Journeys;

// The frozen ServiceJourney (v1) still runs every journey started before v2: each journey test runs on it too.

public sealed class DecisionTestsOnV1 : DecisionTests
{
    protected override string Orchestrator => JourneyVersions.V1;
}

public sealed class PaidJourneyTestsOnV1 : PaidJourneyTests
{
    protected override string Orchestrator => JourneyVersions.V1;
}

public sealed class RedeliveryTestsOnV1 : RedeliveryTests
{
    protected override string Orchestrator => JourneyVersions.V1;
}

public sealed class SlaAndVersionTestsOnV1 : SlaAndVersionTests
{
    protected override string Orchestrator => JourneyVersions.V1;
}

public sealed class SubmissionTestsOnV1 : SubmissionTests
{
    protected override string Orchestrator => JourneyVersions.V1;
}
