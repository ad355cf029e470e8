using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Tests.Fakes;
using Serverless.Workflows.Tests.Journeys;

namespace Serverless.Workflows.Tests.Answers;

public sealed class ProvideInformationTests
{
    private const string Subject = "citizen-answering";
    private readonly CitizenAuthentication citizens = new(new SubjectAsToken());

    [Fact]
    public async Task Answer_to_a_case_that_closed_after_it_was_read_is_refused_with_409_and_not_saved()
    {
        var store = new InMemoryCaseStore();
        var record = AwaitingInformation();
        await store.TryCreateAsync(record, CancellationToken.None);
        // The journey closes the case (deadline passed) between the handler's read and its write.
        var racing = new ClosesBeforeFirstUpdate(store);
        var journeys = new RecordingJourneys();

        var (status, body) = await AnswerAsync(new ProvideInformation(racing, TestDefinitions.Shipped(), citizens, TimeProvider.System), record.Id, journeys);

        Assert.Equal(StatusCodes.Status409Conflict, status);
        Assert.Contains("application/problem+json", body.ContentType, StringComparison.Ordinal);
        var stored = (await store.FindAsync(record.Id, CancellationToken.None))!;
        Assert.Equal(CaseStatus.Closed, stored.Status);
        Assert.Null(stored.InformationRequests[0].Answer);
        Assert.Empty(journeys.Raised);
    }

    [Fact]
    public async Task Answer_to_an_open_request_is_saved_and_the_journey_told()
    {
        var store = new InMemoryCaseStore();
        var record = AwaitingInformation();
        await store.TryCreateAsync(record, CancellationToken.None);
        var journeys = new RecordingJourneys();

        var (status, _) = await AnswerAsync(new ProvideInformation(store, TestDefinitions.Shipped(), citizens, TimeProvider.System), record.Id, journeys);

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.NotNull((await store.FindAsync(record.Id, CancellationToken.None))!.InformationRequests[0].Answer);
        Assert.Equal([record.Id], journeys.Raised);
    }

    private async Task<(int Status, HttpResponse Response)> AnswerAsync(ProvideInformation handler, string caseId, IJourneyClient journeys)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"response":"My passport number is 123456789."}"""));
        context.Request.ContentType = "application/json";
        context.Request.Headers.Authorization = "Bearer " + Subject;
        context.Response.Body = new MemoryStream();
        var result = await handler.HandleAsync(context.Request, caseId, journeys, CancellationToken.None);
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response);
    }

    private static CaseRecord AwaitingInformation()
    {
        var now = DateTimeOffset.UtcNow;
        var record = new CaseRecord
        {
            Id = CaseIds.NewCaseId(), ServiceId = TestDefinitions.Fishing, DefinitionVersion = 1, Reference = "TST-1", DepartmentId = "environment-agency",
            Status = CaseStatus.AwaitingInformation, SubmittedAt = now.AddDays(-3), ApplicationHash = "sha256-test",
            Identity = new IdentityCheck(Subject, "P2", now.AddDays(-3)),
        };
        record.InformationRequests.Add(new InformationRequest
        {
            DecisionId = "dec-1", Reason = "Send your passport number", RequestedAt = now.AddDays(-1), RespondBy = now.AddDays(13),
        });
        return record;
    }

    /// <summary>The case store, but the case is closed by another writer just before the handler's first update.</summary>
    private sealed class ClosesBeforeFirstUpdate(InMemoryCaseStore inner) : ICaseStore
    {
        private int _updates;

        public Task<CaseRecord?> FindAsync(string caseId, CancellationToken cancellationToken) => inner.FindAsync(caseId, cancellationToken);
        public Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken) => inner.TryCreateAsync(record, cancellationToken);

        public async Task<CaseRecord> UpdateAsync(string caseId, Func<CaseRecord, bool> mutate, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _updates) == 1)
                await inner.UpdateAsync(caseId, c => { c.Status = CaseStatus.Closed; return true; }, cancellationToken);
            return await inner.UpdateAsync(caseId, mutate, cancellationToken);
        }

        public Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(IdempotencyClaim claim, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<CasePage> ListByStatusAsync(string serviceId, string status, string? continuationToken, int pageSize, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<CasePage> ListBreachingSlaAsync(DateTimeOffset now, string? continuationToken, int pageSize, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<CasePage> SearchAsync(CaseSearch search, string? continuationToken, int pageSize, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<CaseRecord>> ListStaleSubmittedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<CaseRecord>> ListDueForRedactionAsync(DateTimeOffset now, DateTimeOffset submittedBefore, int max, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<int> DeleteExpiredIdempotencyClaimsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyDictionary<string, int>> CountWithDepartmentsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class RecordingJourneys : IJourneyClient
    {
        public List<string> Raised { get; } = [];
        public Task<bool> StartIfAbsentAsync(string caseId, CancellationToken cancellationToken) => Task.FromResult(false);
        public Task<bool> ExistsAsync(string caseId, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task RaiseEventAsync(string caseId, string eventName, object payload, CancellationToken cancellationToken)
        {
            Raised.Add(caseId);
            return Task.CompletedTask;
        }

        public Task<JourneyRuntime?> DescribeAsync(string caseId, CancellationToken cancellationToken) => Task.FromResult<JourneyRuntime?>(null);

        public Task TerminateAsync(string caseId, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The identity check is not what these tests are about: the token is the subject, verified at P2.</summary>
    private sealed class SubjectAsToken : IIdentityVerifier
    {
        public Task<IdentityVerification> VerifyAsync(string token, CancellationToken cancellationToken) =>
            Task.FromResult<IdentityVerification>(new IdentityVerification.Verified(token, "P2"));
    }
}
